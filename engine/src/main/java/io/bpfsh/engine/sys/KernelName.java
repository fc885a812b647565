package io.bpfsh.engine.sys;

/**
 * Object names as the kernel accepts them (bpf_obj_name_cpy): at most 15 characters of
 * [A-Za-z0-9_.]; anything else would make MAP_CREATE or PROG_LOAD fail with EINVAL.
 */
final class KernelName {
    static final int SIZE = 16;

    private KernelName() {
    }

    static String of(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(name.length(), SIZE - 1));
        for (int i = 0; i < name.length() && sb.length() < SIZE - 1; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
