package io.userpools.common.validation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The checks of one record type, read once from the Jakarta constraint annotations on its
 * components (and on the type arguments of its lists and maps), which are also what the OpenAPI
 * document shows. Supported: {@code @NotNull}, {@code @Size}, {@code @Pattern}, {@code @Min},
 * {@code @Max} and {@code @Valid} (descend into a nested record). Any other Jakarta constraint on a
 * request record is refused when the plan is built, so that none is silently ignored; so is a
 * {@code @Pattern} without a linear-time check in {@link LinearPatterns}. A value longer than its
 * {@code @Size} allows is refused for its length and never reaches its pattern, so a megabyte of
 * text costs one length comparison; a value shorter than the minimum is still held to its
 * pattern (it is short, and Cognito names both rules for an empty value).
 */
final class ConstraintPlan {

    private static final ClassValue<ConstraintPlan> PLANS = new ClassValue<>() {
        @Override
        protected ConstraintPlan computeValue(Class<?> type) {
            return new ConstraintPlan(type);
        }
    };

    private final List<Component> components;

    private ConstraintPlan(Class<?> type) {
        RecordComponent[] recordComponents = type.getRecordComponents();
        if (recordComponents == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        List<Component> list = new ArrayList<>();
        for (RecordComponent c : recordComponents) {
            // the accessor's own annotations too: the same constraints, as declarations, which every
            // runtime keeps (a native image may keep fewer type annotations than the JVM)
            list.add(new Component(c.getName(), c.getAccessor(),
                    Node.of(c.getAnnotatedType(), c.getAccessor().getDeclaredAnnotations())));
        }
        this.components = List.copyOf(list);
    }

    static ConstraintPlan of(Class<?> type) {
        return PLANS.get(type);
    }

    /** Reports each broken rule as (field path, Cognito-style message). */
    void check(Object record, String prefix, BiConsumer<String, String> report) {
        for (Component c : components) {
            Object value;
            try {
                value = c.accessor.invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + c.name, e);
            }
            c.node.check(value, prefix + c.name, report);
        }
    }

    private record Component(String name, Method accessor, Node node) {
    }

    /** The rules on one use of a type, and those on its elements, keys and values. */
    private record Node(boolean notNull, Integer minSize, Integer maxSize, String regex,
                        Predicate<CharSequence> pattern, Long min, Long max, boolean cascade, Node element, Node key, Node value) {

        static Node of(AnnotatedType type, Annotation... declared) {
            boolean notNull = false;
            boolean cascade = false;
            Integer minSize = null;
            Integer maxSize = null;
            String regex = null;
            Predicate<CharSequence> pattern = null;
            Long min = null;
            Long max = null;
            Set<Class<? extends Annotation>> seen = new HashSet<>();
            List<Annotation> annotations = new ArrayList<>(List.of(type.getAnnotations()));
            annotations.addAll(List.of(declared));
            for (Annotation a : annotations) {
                if (!seen.add(a.annotationType())) {
                    continue;
                }
                if (a instanceof NotNull) {
                    notNull = true;
                } else if (a instanceof Valid) {
                    cascade = true;
                } else if (a instanceof Size s) {
                    minSize = s.min() > 0 ? s.min() : null;
                    maxSize = s.max() < Integer.MAX_VALUE ? s.max() : null;
                } else if (a instanceof Pattern p) {
                    regex = p.regexp();
                    pattern = LinearPatterns.of(regex);
                    if (pattern == null) {
                        throw new IllegalArgumentException("No linear-time check for pattern " + regex + " on " + type
                                + ": add one to LinearPatterns");
                    }
                } else if (a instanceof Min m) {
                    min = m.value();
                } else if (a instanceof Max m) {
                    max = m.value();
                } else if (a.annotationType().getPackageName().startsWith("jakarta.validation")) {
                    throw new IllegalArgumentException("Unsupported constraint " + a + " on " + type);
                }
            }
            Node element = null;
            Node key = null;
            Node value = null;
            if (type instanceof AnnotatedParameterizedType p) {
                AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
                Class<?> raw = rawClass(p);
                if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
                    element = of(args[0]).orNull();
                } else if (Map.class.isAssignableFrom(raw) && args.length == 2) {
                    key = of(args[0]).orNull();
                    value = of(args[1]).orNull();
                }
            }
            return new Node(notNull, minSize, maxSize, regex, pattern, min, max, cascade, element, key, value);
        }

        private static Class<?> rawClass(AnnotatedParameterizedType p) {
            return (Class<?>) ((java.lang.reflect.ParameterizedType) p.getType()).getRawType();
        }

        private static final Node NONE = new Node(false, null, null, null, null, null, null, false, null, null, null);

        /** This node, or null when it checks nothing. */
        private Node orNull() {
            return equals(NONE) ? null : this;
        }

        void check(Object v, String field, BiConsumer<String, String> report) {
            if (v == null) {
                if (notNull) {
                    report.accept(field, "Member must not be null");
                }
                return;
            }
            Integer size = v instanceof CharSequence s ? Integer.valueOf(s.length())
                    : v instanceof Collection<?> c ? Integer.valueOf(c.size())
                    : v instanceof Map<?, ?> m ? Integer.valueOf(m.size()) : null;
            boolean tooShort = size != null && minSize != null && size < minSize;
            boolean tooLong = size != null && maxSize != null && size > maxSize;
            if (tooShort) {
                report.accept(field, RequestConstraints.minLength(minSize));
            }
            if (tooLong) {
                report.accept(field, RequestConstraints.maxLength(maxSize));
            }
            if (pattern != null && !tooLong && v instanceof CharSequence s && !pattern.test(s)) {
                report.accept(field, RequestConstraints.pattern(regex));
            }
            if (v instanceof Number n) {
                if (min != null && n.longValue() < min) {
                    report.accept(field, RequestConstraints.minValue(min));
                }
                if (max != null && n.longValue() > max) {
                    report.accept(field, RequestConstraints.maxValue(max));
                }
            }
            if (cascade && v.getClass().isRecord()) {
                ConstraintPlan.of(v.getClass()).check(v, field + ".", report);
            }
            if (element != null && v instanceof Collection<?> items) {
                int index = 1;
                for (Object item : items) {
                    element.check(item, field + "." + index++ + ".member", report);
                }
            }
            if (v instanceof Map<?, ?> map && (key != null || value != null)) {
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (key != null) {
                        key.check(e.getKey(), field, (f, m) -> report.accept(f, "Map keys must satisfy constraint: ["
                                + m + "]"));
                    }
                    if (value != null) {
                        value.check(e.getValue(), field, (f, m) -> report.accept(f,
                                "Map value must satisfy constraint: [" + m + "]"));
                    }
                }
            }
        }
    }
}
