package io.bpfsh.shell.output;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The change between two readings of a value, for {@code watch --delta}: values are the JSON-ready
 * trees the typed formatter gives (maps, lists, numbers, strings), so a {@code struct counter} changes
 * field by field: {@code {pkts=+5, bytes=+320}}. Only numbers have a difference; other leaves that
 * changed show their new value.
 */
public final class ValueDelta {
    private ValueDelta() {
    }

    /** newer - older, leaf by leaf; the same shape as {@code newer}. */
    public static Object of(Object older, Object newer) {
        if (newer instanceof Number n && older instanceof Number o) {
            return big(n).subtract(big(o));
        }
        if (newer instanceof Map<?, ?> nm && older instanceof Map<?, ?> om) {
            Map<Object, Object> d = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : nm.entrySet()) {
                d.put(e.getKey(), of(om.get(e.getKey()), e.getValue()));
            }
            return d;
        }
        if (newer instanceof List<?> nl && older instanceof List<?> ol && nl.size() == ol.size()) {
            List<Object> d = new ArrayList<>(nl.size());
            for (int i = 0; i < nl.size(); i++) {
                d.add(of(ol.get(i), nl.get(i)));
            }
            return d;
        }
        return Objects.equals(older, newer) ? BigInteger.ZERO : newer;
    }

    /** The leaf-by-leaf sum of values of one shape (per-CPU values summed over the CPUs). */
    public static Object sum(List<?> values) {
        Object total = null;
        for (Object v : values) {
            total = total == null ? v : plus(total, v);
        }
        return total;
    }

    private static Object plus(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return big(x).add(big(y));
        }
        if (a instanceof Map<?, ?> am && b instanceof Map<?, ?> bm) {
            Map<Object, Object> s = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : am.entrySet()) {
                s.put(e.getKey(), plus(e.getValue(), bm.get(e.getKey())));
            }
            return s;
        }
        if (a instanceof List<?> al && b instanceof List<?> bl && al.size() == bl.size()) {
            List<Object> s = new ArrayList<>(al.size());
            for (int i = 0; i < al.size(); i++) {
                s.add(plus(al.get(i), bl.get(i)));
            }
            return s;
        }
        return a; // strings, enum names: a sum has nothing to add; the first CPU's stands
    }

    /** Whether any leaf of a delta is non-zero (or a changed non-number). */
    public static boolean isZero(Object delta) {
        if (delta instanceof BigInteger b) {
            return b.signum() == 0;
        }
        if (delta instanceof Map<?, ?> m) {
            return m.values().stream().allMatch(ValueDelta::isZero);
        }
        if (delta instanceof List<?> l) {
            return l.stream().allMatch(ValueDelta::isZero);
        }
        return false;
    }

    /** The delta divided by seconds, leaf by leaf, for rates; non-numbers are dropped to null. */
    public static Object perSecond(Object delta, double seconds) {
        if (delta instanceof BigInteger b) {
            return b.doubleValue() / seconds;
        }
        if (delta instanceof Map<?, ?> m) {
            Map<Object, Object> r = new LinkedHashMap<>();
            m.forEach((k, v) -> r.put(k, perSecond(v, seconds)));
            return r;
        }
        if (delta instanceof List<?> l) {
            return l.stream().map(v -> perSecond(v, seconds)).toList();
        }
        return null;
    }

    /** {@code +5}, {@code -2}, {@code {pkts=+5, bytes=+320}}, {@code [+1, +0]}, rates with one decimal. */
    public static String text(Object delta) {
        StringBuilder sb = new StringBuilder();
        write(delta, sb, true);
        return sb.toString();
    }

    /** A value tree as text without signs: {@code {pkts=10, bytes=640}}, {@code [3, 4]}. */
    public static String plain(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, false);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb, boolean signed) {
        if (v instanceof BigInteger b) {
            sb.append(signed && b.signum() >= 0 ? "+" : "").append(b);
        } else if (v instanceof Double d) {
            sb.append(String.format("%.1f/s", d));
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(e.getKey()).append('=');
                write(e.getValue(), sb, signed);
                first = false;
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                write(l.get(i), sb, signed);
            }
            sb.append(']');
        } else {
            sb.append(v);
        }
    }

    private static BigInteger big(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }
}
