package io.bpfsh.engine.btf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The references between types: every referenced id must exist, a few references must name a particular kind, and
 * no type may contain itself by value. Pointers legitimately close loops (a list node points to its own struct), so
 * a PTR is the only reference not followed when looking for loops. With loops refused here, every later walk over a
 * parsed {@link Btf} (sizes, names, value layouts) ends.
 */
final class BtfTypeGraph {
    private static final int MAX_LOOP_SHOWN = 8;

    @FunctionalInterface
    private interface RefVisitor {
        void visit(String role, int target, boolean byValue) throws BtfFormatException;
    }

    private BtfTypeGraph() {
    }

    /** Checks types {@code firstId} and up; lower ids belong to a base BTF, checked when it was parsed. */
    static void check(String origin, BtfType[] types, int firstId) throws BtfFormatException {
        int count = types.length - 1;
        for (int id = firstId; id <= count; id++) {
            BtfType t = types[id];
            visitRefs(t, (role, target, byValue) -> {
                if (Integer.compareUnsigned(target, count) > 0) {
                    throw new BtfFormatException(origin, describe(t) + (role.isEmpty() ? "" : " " + role)
                            + " refers to type " + Integer.toUnsignedString(target) + ", but only " + count
                            + " types exist");
                }
            });
            checkTargetKinds(origin, types, t);
        }
        checkLoops(origin, types, firstId);
    }

    private static void checkTargetKinds(String origin, BtfType[] types, BtfType t) throws BtfFormatException {
        if (t instanceof BtfType.Func f && !(types[f.protoType()] instanceof BtfType.FuncProto)) {
            throw new BtfFormatException(origin, describe(t) + " refers to " + describe(types[f.protoType()])
                    + ", expected a FUNC_PROTO");
        }
        if (t instanceof BtfType.Datasec d) {
            for (int i = 0; i < d.vars().size(); i++) {
                BtfType v = types[d.vars().get(i).type()];
                if (!(v instanceof BtfType.Var) && !(v instanceof BtfType.Func)) {
                    throw new BtfFormatException(origin, describe(t) + " entry " + i + " refers to " + describe(v)
                            + ", expected a VAR or FUNC");
                }
            }
        }
    }

    /** Depth-first search without recursion (chains may be as long as the type count). */
    private static void checkLoops(String origin, BtfType[] types, int firstId) throws BtfFormatException {
        int n = types.length;
        byte[] state = new byte[n]; // 0 unvisited, 1 on the current path, 2 done
        // a base never refers to the split types after it, so no loop runs through it
        Arrays.fill(state, 1, firstId, (byte) 2);
        int[] pathIndex = new int[n];
        int[] path = new int[n];
        int[][] edges = new int[n][];
        int[] next = new int[n];
        for (int root = firstId; root < n; root++) {
            if (state[root] != 0) continue;
            int depth = 0;
            path[depth] = root;
            enter(types, root, state, pathIndex, edges, next, depth);
            while (depth >= 0) {
                int node = path[depth];
                if (next[node] < edges[node].length) {
                    int target = edges[node][next[node]++];
                    if (state[target] == 1) throw loop(origin, types, path, pathIndex[target], depth, target);
                    if (state[target] == 0) {
                        path[++depth] = target;
                        enter(types, target, state, pathIndex, edges, next, depth);
                    }
                } else {
                    state[node] = 2;
                    edges[node] = null;
                    depth--;
                }
            }
        }
    }

    private static void enter(BtfType[] types, int id, byte[] state, int[] pathIndex, int[][] edges, int[] next,
            int depth) throws BtfFormatException {
        state[id] = 1;
        pathIndex[id] = depth;
        next[id] = 0;
        List<Integer> out = new ArrayList<>();
        visitRefs(types[id], (role, target, byValue) -> {
            if (byValue && target != 0) out.add(target);
        });
        edges[id] = out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static BtfFormatException loop(String origin, BtfType[] types, int[] path, int from, int to, int back) {
        StringBuilder s = new StringBuilder("type reference loop: ");
        int[] ids = Arrays.copyOfRange(path, from, to + 1);
        for (int i = 0; i < ids.length; i++) {
            if (i == MAX_LOOP_SHOWN && ids.length > MAX_LOOP_SHOWN + 1) {
                s.append("... (").append(ids.length - MAX_LOOP_SHOWN).append(" more) -> ");
                i = ids.length - 1;
            }
            s.append(describe(types[ids[i]])).append(" -> ");
        }
        s.append(describe(types[back]));
        return new BtfFormatException(origin, s.toString());
    }

    private static void visitRefs(BtfType t, RefVisitor v) throws BtfFormatException {
        if (t instanceof BtfType.Ref r) {
            v.visit("", r.type(), r.kind() != BtfKind.PTR);
        } else if (t instanceof BtfType.Array a) {
            v.visit("element type", a.elemType(), true);
            v.visit("index type", a.indexType(), true);
        } else if (t instanceof BtfType.Composite c) {
            for (int i = 0; i < c.members().size(); i++) {
                BtfMember m = c.members().get(i);
                v.visit("member " + i + " '" + m.name() + "'", m.type(), true);
            }
        } else if (t instanceof BtfType.FuncProto p) {
            v.visit("return type", p.returnType(), true);
            for (int i = 0; i < p.params().size(); i++) {
                v.visit("param " + i + " '" + p.params().get(i).name() + "'", p.params().get(i).type(), true);
            }
        } else if (t instanceof BtfType.Func f) {
            v.visit("prototype", f.protoType(), true);
        } else if (t instanceof BtfType.Var var) {
            v.visit("", var.type(), true);
        } else if (t instanceof BtfType.Datasec d) {
            for (int i = 0; i < d.vars().size(); i++) v.visit("entry " + i, d.vars().get(i).type(), true);
        } else if (t instanceof BtfType.DeclTag tag) {
            v.visit("", tag.type(), true);
        }
    }

    /** E.g. {@code type 17 (STRUCT counter)}; the form used in every message about a type. */
    static String describe(BtfType t) {
        if (t.id() == 0) return "type 0 (void)";
        return "type " + t.id() + " (" + t.kind() + (t.name().isEmpty() ? "" : " " + t.name()) + ")";
    }
}
