/**
 * Learning-rate (and other hyperparameter) schedules: small immutable records implementing
 * {@link dev.gradus.Schedule}, each one a pure function of the number of completed steps
 * (spec §S).
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>{@code valueAt(e)} is torch's value at {@code last_epoch = e}: the value in effect after
 *       {@code e} calls of {@code scheduler.step()}, used by optimizer step {@code k = e + 1}
 *       (steps are 1-based). {@code e = 0} is the value right after construction.</li>
 *   <li>{@code base} is torch's {@code initial_lr}: the group's value when the schedule was
 *       attached (normally the optimizer's lr).</li>
 *   <li>All arithmetic is double, in torch 1.13.1's exact expression order, with
 *       {@code Math.cos}/{@code Math.pow} (spec §0.5).</li>
 *   <li>torch's schedulers are <em>chainable</em>: most compute the new value from the current
 *       one. Those records implement {@link dev.gradus.schedule.Chainable} and use that recursive
 *       form by default ({@link dev.gradus.schedule.Form#RECURSIVE}), which is what torch's
 *       learning rates are; torch's closed form is an option ({@link dev.gradus.schedule.Form#CLOSED}).
 *       The two differ in the last bits.</li>
 *   <li>A recursive value costs O(e) to compute from scratch. Every chainable record remembers its
 *       last evaluated point, so the usual access pattern (e, e + 1, e + 2, … as an optimizer
 *       steps) costs O(1) amortized. Records cannot hold instance fields, so these memos live in
 *       one small bounded concurrent map keyed by the record's value (two equal records compute
 *       the same function, so sharing is safe); each entry is an immutable (e, value) pair. The
 *       memo only shortens the recursion: {@code valueAt(e)} returns the same bits whatever was
 *       evaluated before, in any thread.</li>
 *   <li>Past a planned end the value is defined, never an exception; each record documents its
 *       choice (e.g. {@link dev.gradus.schedule.OneCycle} holds its last planned value,
 *       {@link dev.gradus.schedule.CosineAnnealing} keeps following the cosine as torch does).</li>
 *   <li>A schedule can drive any scalar hyperparameter: values are only required to be finite;
 *       the optimizer checks each value against the hyperparameter it drives.
 *       {@link dev.gradus.schedule.Cyclic} and {@link dev.gradus.schedule.OneCycle} expose their
 *       momentum (or β1) series as separate schedules.</li>
 * </ul>
 */
package dev.gradus.schedule;
