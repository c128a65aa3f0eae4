package dev.gradus;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule, schedule, clip or policy as a tree of plain values: what a checkpoint records of the
 * optimizer's configuration, and what a load compares. Built by reflection over record components
 * ({@link #describe}): numbers, booleans, strings, enums by name, nested records (a {@code Rule}
 * inside {@code Lookahead}, a {@code Cyclic} inside its momentum schedule) and lists recursively,
 * each record with its class name. Anything else (a lambda, a class that is not a record, an
 * array) is {@link Opaque}: only its class name is kept.
 */
sealed interface ConfigValue {

    /** Nesting depth beyond which a value is recorded as opaque (a guard against self-containing lists). */
    int MAX_DEPTH = 32;

    /** No value ({@code null}: no clip). */
    record Absent() implements ConfigValue {
    }

    record DoubleValue(double value) implements ConfigValue {
    }

    record FloatValue(float value) implements ConfigValue {
    }

    record IntValue(int value) implements ConfigValue {
    }

    record LongValue(long value) implements ConfigValue {
    }

    record BooleanValue(boolean value) implements ConfigValue {
    }

    record StringValue(String value) implements ConfigValue {
    }

    /** An enum constant by its class and name. */
    record EnumValue(String type, String name) implements ConfigValue {
    }

    /** A record: its class name and its components in declaration order. */
    record RecordValue(String type, List<Component> components) implements ConfigValue {
        public RecordValue {
            components = List.copyOf(components);
        }
    }

    /** One record component. */
    record Component(String name, ConfigValue value) {
    }

    /** A list. */
    record ListValue(List<ConfigValue> items) implements ConfigValue {
        public ListValue {
            items = List.copyOf(items);
        }
    }

    /**
     * A value that is not described further. {@code hidden} marks a hidden class (a lambda): its
     * name is not stable from one JVM to the next, so it identifies nothing.
     */
    record Opaque(String type, boolean hidden) implements ConfigValue {
    }

    /** How two descriptions differ. */
    enum Kind {
        /** Different classes or shapes: a different rule, not different hyperparameters. */
        TYPE,
        /** The same classes with different values. */
        VALUE
    }

    /** The first difference between two descriptions: where, and both sides as text. */
    record Difference(Kind kind, String path, String saved, String current) {
    }

    /** The description of {@code o}. */
    static ConfigValue describe(Object o) {
        return describe(o, 0);
    }

    private static ConfigValue describe(Object o, int depth) {
        if (o == null) {
            return new Absent();
        }
        if (depth > MAX_DEPTH) {
            return opaque(o);
        }
        return switch (o) {
            case Double d -> new DoubleValue(d);
            case Float f -> new FloatValue(f);
            case Integer i -> new IntValue(i);
            case Short s -> new IntValue(s);
            case Byte b -> new IntValue(b);
            case Long l -> new LongValue(l);
            case Boolean b -> new BooleanValue(b);
            case String s -> new StringValue(s);
            case Character c -> new StringValue(c.toString());
            case Enum<?> e -> new EnumValue(e.getDeclaringClass().getName(), e.name());
            case Record r -> describeRecord(r, depth);
            case List<?> list -> {
                List<ConfigValue> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    items.add(describe(item, depth + 1));
                }
                yield new ListValue(items);
            }
            default -> opaque(o);
        };
    }

    private static ConfigValue describeRecord(Record r, int depth) {
        List<Component> components = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                var accessor = c.getAccessor();
                accessor.setAccessible(true);
                v = accessor.invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return opaque(r);               // an inaccessible record is only known by its class
            }
            components.add(new Component(c.getName(), describe(v, depth + 1)));
        }
        return new RecordValue(r.getClass().getName(), components);
    }

    private static Opaque opaque(Object o) {
        return new Opaque(o.getClass().getName(), o.getClass().isHidden());
    }

    /**
     * The first difference between the {@code saved} and the {@code current} description, or empty
     * when they match. Two opaque values match when their classes have the same name, or when
     * either is hidden (a lambda cannot be compared: it is accepted as it is).
     */
    static Optional<Difference> diff(ConfigValue saved, ConfigValue current) {
        return diff("", saved, current);
    }

    private static Optional<Difference> diff(String path, ConfigValue saved, ConfigValue current) {
        if (saved instanceof Opaque a && current instanceof Opaque b) {
            return a.hidden() || b.hidden() || a.type().equals(b.type()) ? Optional.empty()
                    : Optional.of(new Difference(Kind.TYPE, path, text(saved), text(current)));
        }
        if (saved.getClass() != current.getClass()) {
            return Optional.of(new Difference(Kind.TYPE, path, text(saved), text(current)));
        }
        return switch (saved) {
            case RecordValue a -> {
                RecordValue b = (RecordValue) current;
                if (!a.type().equals(b.type())) {
                    yield Optional.of(new Difference(Kind.TYPE, path, a.type(), b.type()));
                }
                if (!names(a).equals(names(b))) {
                    // the same class with other components: written by another version of it
                    yield Optional.of(new Difference(Kind.TYPE, path, a.type() + " with components " + names(a),
                            a.type() + " with components " + names(b)));
                }
                for (int i = 0; i < a.components().size(); i++) {
                    Component c = a.components().get(i);
                    var d = diff(path.isEmpty() ? c.name() : path + "." + c.name(), c.value(), b.components().get(i).value());
                    if (d.isPresent()) {
                        yield d;
                    }
                }
                yield Optional.empty();
            }
            case ListValue a -> {
                ListValue b = (ListValue) current;
                if (a.items().size() != b.items().size()) {
                    yield Optional.of(new Difference(Kind.VALUE, path, text(a), text(b)));
                }
                for (int i = 0; i < a.items().size(); i++) {
                    var d = diff(path + "[" + i + "]", a.items().get(i), b.items().get(i));
                    if (d.isPresent()) {
                        yield d;
                    }
                }
                yield Optional.empty();
            }
            case EnumValue a when !a.type().equals(((EnumValue) current).type()) ->
                    Optional.of(new Difference(Kind.TYPE, path, a.type(), ((EnumValue) current).type()));
            default -> same(saved, current) ? Optional.empty() : Optional.of(new Difference(Kind.VALUE, path, text(saved), text(current)));
        };
    }

    private static List<String> names(RecordValue r) {
        return r.components().stream().map(Component::name).toList();
    }

    /** Leaf equality; doubles and floats by their bits (so 0.0 and −0.0 differ, as they may in results). */
    private static boolean same(ConfigValue a, ConfigValue b) {
        return switch (a) {
            case DoubleValue x -> Double.doubleToLongBits(x.value()) == Double.doubleToLongBits(((DoubleValue) b).value());
            case FloatValue x -> Float.floatToIntBits(x.value()) == Float.floatToIntBits(((FloatValue) b).value());
            default -> a.equals(b);
        };
    }

    /** Short text for messages: numbers as Java prints them, enums by name, records as {@code Name(a=…, b=…)}. */
    static String text(ConfigValue v) {
        return switch (v) {
            case Absent a -> "none";
            case DoubleValue d -> Double.toString(d.value());
            case FloatValue f -> Float.toString(f.value()) + "f";
            case IntValue i -> Integer.toString(i.value());
            case LongValue l -> Long.toString(l.value());
            case BooleanValue b -> Boolean.toString(b.value());
            case StringValue s -> "\"" + s.value() + "\"";
            case EnumValue e -> e.name();
            case RecordValue r -> {
                StringBuilder sb = new StringBuilder(simpleName(r.type())).append('(');
                for (int i = 0; i < r.components().size(); i++) {
                    Component c = r.components().get(i);
                    sb.append(i == 0 ? "" : ", ").append(c.name()).append('=').append(text(c.value()));
                }
                yield sb.append(')').toString();
            }
            case ListValue l -> l.items().stream().map(ConfigValue::text).toList().toString();
            case Opaque o -> (o.hidden() ? "a lambda (" : "an opaque ") + o.type() + (o.hidden() ? ")" : "");
        };
    }

    private static String simpleName(String type) {
        return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
    }
}
