package io.bpfsh.engine.spec;

import io.bpfsh.engine.btf.BtfExt;
import io.bpfsh.engine.btf.BtfFuncInfo;
import io.bpfsh.engine.btf.BtfLineInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The .BTF.ext function and line records of one linked program, moved from their sections' numbering into the
 * program's: what PROG_LOAD wants, one func_info per function (the program and each subprogram) and line_info in
 * increasing instruction order. Records of code the program does not contain are left out, as libbpf does.
 * Offsets stay in bytes ({@code linked index * 8}), the unit {@code .BTF.ext} uses.
 */
final class LinkedBtfExt {
    private LinkedBtfExt() {
    }

    static List<BtfFuncInfo> funcInfo(BtfExt ext, List<LinkedPiece> pieces) {
        List<BtfFuncInfo> out = new ArrayList<>();
        for (LinkedPiece p : pieces) {
            for (BtfFuncInfo f : ext.funcInfo(p.section())) {
                if (p.holds(p.section(), f.insnOffset() / 8)) {
                    out.add(new BtfFuncInfo(p.linked(f.insnOffset() / 8) * 8L, f.typeId()));
                }
            }
        }
        return List.copyOf(out);
    }

    static List<BtfLineInfo> lineInfo(BtfExt ext, List<LinkedPiece> pieces) {
        List<BtfLineInfo> out = new ArrayList<>();
        for (LinkedPiece p : pieces) {
            for (BtfLineInfo l : ext.lineInfo(p.section())) {
                if (p.holds(p.section(), l.insnOffset() / 8)) {
                    out.add(new BtfLineInfo(p.linked(l.insnOffset() / 8) * 8L, l.fileNameOffset(), l.lineOffset(),
                            l.lineCol()));
                }
            }
        }
        return List.copyOf(out);
    }
}
