package dev.gradus;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a verified checkpoint with an optimizer and, only when everything matches, copies the
 * state in. {@link #check} throws before anything is written; {@link #commit} cannot fail on a
 * checked pair (it only copies memory that was checked to be alive and accessible).
 */
final class CheckpointRestore {

    private CheckpointRestore() {
    }

    private static final String OVERRIDE_HINT =
            "; to keep this optimizer's hyperparameters and load only the state, pass LoadOptions.overrideHyperparameters()";

    /** Throws {@link IllegalArgumentException} (or {@link IllegalStateException} for dead buffers) on any mismatch. */
    static void check(Optimizer opt, CheckpointImage img, LoadOptions options) {
        Map<String, ParamGroup> groups = opt.groupMap();
        Map<String, CheckpointImage.Group> saved = new LinkedHashMap<>();
        for (CheckpointImage.Group g : img.groups()) {
            saved.put(g.name(), g);
        }
        for (String name : saved.keySet()) {
            if (!groups.containsKey(name)) {
                throw new IllegalArgumentException("the checkpoint has group '" + name + "', which this optimizer does not define; its groups: "
                        + groups.keySet());
            }
        }
        for (String name : groups.keySet()) {
            if (!saved.containsKey(name)) {
                throw new IllegalArgumentException("group '" + name + "' of this optimizer is not in the checkpoint; its groups: "
                        + saved.keySet());
            }
        }
        checkParameters(opt, img);
        for (ParamGroup g : groups.values()) {
            checkGroup(g, saved.get(g.name()), options);
        }
        if (!options.overridesHyperparameters()) {
            different("the non-finite policy", img.nonFinite(), ConfigValue.describe(opt.nonFinitePolicy())).ifPresent(m -> {
                throw new IllegalArgumentException(m + OVERRIDE_HINT);
            });
            different("the gradient clipping", img.clip(), ConfigValue.describe(opt.clip().orElse(null))).ifPresent(m -> {
                throw new IllegalArgumentException(m + OVERRIDE_HINT);
            });
            different("the gradient noise", img.noise(), ConfigValue.describe(opt.gradientNoise().orElse(null))).ifPresent(m -> {
                throw new IllegalArgumentException(m + OVERRIDE_HINT);
            });
        }
        for (ParamGroup.Param p : opt.paramsInOrder()) {
            Optimizer.checkUsable("parameter '" + p.name() + "'", p.value());
        }
    }

    private static void checkParameters(Optimizer opt, CheckpointImage img) {
        List<String> savedNames = new ArrayList<>();
        for (CheckpointImage.Param sp : img.params()) {
            savedNames.add(sp.name());
        }
        List<String> registered = opt.parameterNames();
        for (CheckpointImage.Param sp : img.params()) {
            if (opt.groupOf(sp.name()) == null) {
                throw new IllegalArgumentException("the checkpoint has parameter '" + sp.name() + "', which is not registered here; registered: "
                        + registered);
            }
        }
        for (String name : registered) {
            if (!savedNames.contains(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is registered here but not in the checkpoint; it holds: "
                        + savedNames);
            }
        }
        for (CheckpointImage.Param sp : img.params()) {
            ParamGroup g = opt.groupOf(sp.name());
            ParamGroup.Param p = g.params.get(sp.name());
            if (!g.name().equals(sp.group())) {
                throw new IllegalArgumentException("parameter '" + sp.name() + "' is in group '" + sp.group() + "' in the checkpoint, in group '"
                        + g.name() + "' here");
            }
            if (p.length() != sp.length()) {
                throw new IllegalArgumentException("parameter '" + sp.name() + "' has " + sp.length() + " elements in the checkpoint, "
                        + p.length() + " here");
            }
            if (!p.shape().equals(sp.shape())) {
                throw new IllegalArgumentException("parameter '" + sp.name() + "' has shape " + sp.shape() + " in the checkpoint, "
                        + p.shape() + " here");
            }
        }
    }

    private static void checkGroup(ParamGroup g, CheckpointImage.Group s, LoadOptions options) {
        String where = "group '" + g.name() + "'";
        ConfigValue rule = ConfigValue.describe(g.rule());
        Optional<ConfigValue.Difference> d = ConfigValue.diff(s.rule(), rule);
        if (d.isPresent() && d.get().kind() == ConfigValue.Kind.TYPE) {
            throw new IllegalArgumentException(where + ": the checkpoint's rule " + (d.get().path().isEmpty() ? "is " : "has "
                    + d.get().path() + " = ") + d.get().saved() + ", this optimizer's " + (d.get().path().isEmpty() ? "is " : "has ")
                    + d.get().current() + "; a checkpoint loads only into the same rule");
        }
        names(where, "state slots", s.slotNames(), g.rule().slotNames());
        names(where, "scalar state", s.scalarNames(), g.rule().scalarNames());
        names(where, "per-parameter scalar state", s.parameterScalarNames(), g.rule().parameterScalarNames());
        if (options.overridesHyperparameters()) {
            return;
        }
        if (d.isPresent()) {
            throw new IllegalArgumentException(where + ": " + (d.get().path().isEmpty() ? "the rule" : "hyperparameter " + d.get().path())
                    + " of " + g.rule().name() + " is " + d.get().saved() + " in the checkpoint, " + d.get().current() + " here" + OVERRIDE_HINT);
        }
        different(where + ": the learning-rate schedule", s.learningRate(), ConfigValue.describe(g.learningRateSchedule()))
                .ifPresent(m -> {
                    throw new IllegalArgumentException(m + OVERRIDE_HINT);
                });
        List<ParamGroup.HyperSchedule<?>> hs = g.hyperSchedules();
        if (hs.size() != s.hyperparameterSchedules().size()) {
            throw new IllegalArgumentException(where + " has " + s.hyperparameterSchedules().size()
                    + " hyperparameter schedule(s) in the checkpoint, " + hs.size() + " here" + OVERRIDE_HINT);
        }
        for (int i = 0; i < hs.size(); i++) {
            int k = i;
            different(where + ": hyperparameter schedule " + (i + 1), s.hyperparameterSchedules().get(i),
                    ConfigValue.describe(hs.get(i).schedule())).ifPresent(m -> {
                throw new IllegalArgumentException(m + OVERRIDE_HINT + " (schedule " + (k + 1) + ")");
            });
        }
    }

    private static void names(String where, String what, List<String> saved, List<String> current) {
        if (!saved.equals(current)) {
            throw new IllegalArgumentException(where + ": the checkpoint's rule keeps " + what + " " + saved + ", this optimizer's rule keeps "
                    + current + "; the state cannot be carried over");
        }
    }

    /** "{what} is A in the checkpoint, B here" (naming the differing component), or empty when they match. */
    private static Optional<String> different(String what, ConfigValue saved, ConfigValue current) {
        return ConfigValue.diff(saved, current).map(d -> what + " differs: " + (d.path().isEmpty() ? "" : d.path() + " is ")
                + d.saved() + " in the checkpoint, " + d.current() + " here");
    }

    /** Copies the checked state in: parameters, slots, scalar state, step counter. */
    static void commit(Optimizer opt, StagedCheckpoint staged) {
        CheckpointImage img = staged.image();
        for (CheckpointImage.Param sp : img.params()) {
            ParamGroup.Param p = opt.groupOf(sp.name()).params.get(sp.name());
            long array = CheckpointFormat.arrayBytes(sp.length());
            staged.copyFloats(sp.dataOffset(), p.value(), sp.length());
            List<MemorySegment> slots = p.buffers().slots();
            for (int i = 0; i < slots.size(); i++) {
                staged.copyFloats(sp.dataOffset() + (i + 1) * array, slots.get(i), sp.length());
            }
            System.arraycopy(sp.scalars(), 0, p.buffers().scalars(), 0, sp.scalars().length);
        }
        for (CheckpointImage.Group sg : img.groups()) {
            opt.groupMap().get(sg.name()).scalars = sg.scalars().clone();
        }
        opt.restore(img.steps());
    }
}
