package dev.gradus.schedule;

import dev.gradus.Schedule;
import dev.gradus.rules.Check;

import java.util.List;

/**
 * Schedules one after the other, switching at milestones: torch 1.13.1 {@code SequentialLR}
 * (spec §S9), typically a warm-up followed by a decay.
 *
 * <p>For e below the first milestone, the value is {@code schedules[0].valueAt(e)}. From milestone
 * {@code m[i−1]} on, schedule i restarts its count: at its epoch {@code j = e − m[i−1]}
 * <ul>
 *   <li>a {@link Chainable} schedule in {@link Form#RECURSIVE} form starts from its closed form at
 *       epoch 0 ({@link Chainable#restartValue()}, torch's {@code step(0)}) and then follows its
 *       recursion ({@link Chainable#next}) from there, as torch does on the group's value;</li>
 *   <li>any other schedule gives {@code valueAt(j)} (torch's schedulers without a closed form are
 *       closed-form in their epoch anyway).</li>
 * </ul>
 * The last schedule runs for ever; each schedule's own behaviour past its end applies. Each
 * schedule carries its own base, normally the same one (torch's {@code initial_lr}). A warm-up
 * whose own end would fall on the milestone is cut there: the next schedule takes over at the
 * milestone itself (for {@link LinearWarmup} use {@code totalIters = milestone − 1} to reach the
 * full value on the step before).
 *
 * <p>Unlike torch, milestones must be {@code >= 1} and strictly increasing: a milestone 0 or a
 * repeated one would silently skip a schedule.
 *
 * @param schedules  at least one schedule
 * @param milestones {@code schedules.size() − 1} epochs, strictly increasing, each {@code >= 1}
 */
public record Sequential(List<Schedule> schedules, List<Long> milestones) implements Schedule {

    public Sequential {
        Check.notNull("schedules", schedules);
        Check.notNull("milestones", milestones);
        for (Schedule s : schedules) {
            Check.notNull("schedule", s);
        }
        for (Long m : milestones) {
            Check.notNull("milestone", m);
        }
        schedules = List.copyOf(schedules);
        milestones = List.copyOf(milestones);
        if (schedules.isEmpty()) {
            throw new IllegalArgumentException("schedules must not be empty");
        }
        if (milestones.size() != schedules.size() - 1) {
            throw new IllegalArgumentException("milestones must have schedules.size() - 1 = " + (schedules.size() - 1)
                    + " entries, got " + milestones.size());
        }
        long previous = 0;
        for (long m : milestones) {
            Check.atLeast("milestone", m, 1);
            if (m <= previous) {
                throw new IllegalArgumentException("milestones must be strictly increasing, got " + milestones);
            }
            previous = m;
        }
    }

    /** {@code first} before {@code milestone}, {@code then} from it on. */
    public static Sequential of(Schedule first, long milestone, Schedule then) {
        return new Sequential(List.of(first, then), List.of(milestone));
    }

    @Override
    public double valueAt(long completedSteps) {
        long e = Limits.epoch(completedSteps);
        int i = 0;
        while (i < milestones.size() && milestones.get(i) <= e) {
            i++;
        }
        Schedule s = schedules.get(i);
        if (i == 0) {
            return s.valueAt(e);
        }
        long local = e - milestones.get(i - 1);
        if (s instanceof Chainable c && c.form() == Form.RECURSIVE) {
            return Recursion.valueAt(c, new Segment(this, i), c.restartValue(), local);
        }
        return s.valueAt(local);
    }

    /** The memo key of schedule {@code index} restarted inside {@code of}. */
    private record Segment(Sequential of, int index) {
    }
}
