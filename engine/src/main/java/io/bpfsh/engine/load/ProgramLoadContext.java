package io.bpfsh.engine.load;

import io.bpfsh.engine.core.CoreRelocations;
import io.bpfsh.engine.spec.ObjectSpec;
import io.bpfsh.engine.sys.BpfBtf;
import java.util.List;
import java.util.Map;

/**
 * What every program of one load is linked against: the object, its maps as loaded, its BTF in the
 * kernel, its CO-RE relocations and the kernel's values of its externs. One record so that
 * {@link ProgramLoader} takes it whole instead of a long parameter list.
 *
 * @param spec    the object with externs and variables applied
 * @param maps    the object's maps as created or reused by this load
 * @param btf     the object's BTF loaded into the kernel; null when the kernel did not take it
 * @param core    the object's CO-RE relocations against the running kernel
 * @param ksyms   kernel symbol addresses by extern name
 * @param kfuncs  vmlinux BTF ids of the kfuncs the object calls, by name
 */
record ProgramLoadContext(ObjectSpec spec, List<LoadedMap> maps, BpfBtf btf, CoreRelocations core,
                          Map<String, Long> ksyms, Map<String, Integer> kfuncs) {
}
