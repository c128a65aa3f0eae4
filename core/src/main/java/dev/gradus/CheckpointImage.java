package dev.gradus;

import java.util.List;

/**
 * A checkpoint's metadata, parsed and checked for internal consistency: what {@link CheckpointRestore}
 * compares with an optimizer before it copies anything. The float arrays stay in the staged content,
 * located by {@link Param#dataOffset()}.
 *
 * @param steps     the step counter
 * @param nonFinite the {@link NonFinitePolicy}, described
 * @param clip      the {@link GradientClip}, described ({@link ConfigValue.Absent} for none)
 * @param noise     the {@link GradientNoise}, described ({@link ConfigValue.Absent} for none)
 * @param groups    the groups, in definition order
 * @param params    the parameters, in registration order
 */
record CheckpointImage(long steps, ConfigValue nonFinite, ConfigValue clip, ConfigValue noise, List<Group> groups, List<Param> params) {

    CheckpointImage {
        groups = List.copyOf(groups);
        params = List.copyOf(params);
    }

    /**
     * One group.
     *
     * @param rule                   the rule record, described
     * @param learningRate           the learning-rate schedule, described
     * @param hyperparameterSchedules the schedules of the hyperparameter schedules, described (their setters are code: not recorded)
     * @param slotNames              the rule's state slots
     * @param scalarNames            the rule's group scalar state
     * @param scalars                its values
     * @param parameterScalarNames   the rule's per-parameter scalar state
     */
    record Group(String name, ConfigValue rule, ConfigValue learningRate, List<ConfigValue> hyperparameterSchedules,
                 List<String> slotNames, List<String> scalarNames, double[] scalars, List<String> parameterScalarNames) {
        Group {
            hyperparameterSchedules = List.copyOf(hyperparameterSchedules);
            slotNames = List.copyOf(slotNames);
            scalarNames = List.copyOf(scalarNames);
            parameterScalarNames = List.copyOf(parameterScalarNames);
        }
    }

    /**
     * One parameter.
     *
     * @param group      its group's name
     * @param length     elements
     * @param shape      row-major dimensions, product = length
     * @param scalars    per-parameter scalar state, by the group's {@code parameterScalarNames}
     * @param dataOffset content offset of its value array; its slots follow in slot order, each
     *                   {@link CheckpointFormat#arrayBytes} long
     */
    record Param(String name, String group, long length, List<Integer> shape, double[] scalars, long dataOffset) {
        Param {
            shape = List.copyOf(shape);
        }
    }
}
