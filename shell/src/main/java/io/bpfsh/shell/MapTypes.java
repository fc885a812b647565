package io.bpfsh.shell;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.MapBtf;
import io.bpfsh.engine.sys.BpfMap;
import io.bpfsh.engine.sys.BpfObject;
import io.bpfsh.shell.data.DataFormat;
import io.bpfsh.shell.data.DataLiteral;
import io.bpfsh.shell.data.LiteralArg;
import java.util.Arrays;
import java.util.Optional;

/**
 * The BTF types of one map's key and value, found once per command for a resolved REF, and what the
 * commands do with them: read KEY and VALUE literals, show keys and values. The BTF itself is the
 * engine's ({@link MapBtf}); this class only decides where the types come from and which literal
 * grammar applies.
 *
 * <p>Where the types come from: for {@code MODULE:NAME}, the object the module loaded (the types it
 * asked for, even when the kernel refused its BTF); for handles, ids and pin paths, for module maps
 * whose object names no types, and for module maps whose object types cannot show the map (the
 * object's DATASECs of global data have size 0 until the loader fixes them up for the kernel), the
 * kernel's BTF for the map (its btf_id). A map without either is raw. When the kernel's BTF cannot
 * be read, or no type can show the map, it is shown raw and a note on stderr says why.
 *
 * <p>Which grammar reads a literal: {@code hex:BYTES} is always the raw bytes; otherwise, when the
 * map has a type for that side, the typed literal ({@code 7}, {@code '{pkts=5, bytes=1000}'}); else
 * the raw grammar of {@link DataLiteral}. On a typed side quotes only group words, so {@code "1"} is
 * the number 1 for an integer type; for a char array, as in the raw grammar, a quoted word is its
 * text ({@code "eth0"}) unless it starts with '"' or '[' (the typed string and array forms).
 */
public final class MapTypes {
    private static final MapTypes NONE = new MapTypes(null, null);

    private final MapBtf btf;
    private final String source;

    private MapTypes(MapBtf btf, String source) {
        this.btf = btf;
        this.source = source;
    }

    /** No types: every key and value is raw. */
    public static MapTypes none() {
        return NONE;
    }

    /** The types of the map a REF resolved to. */
    public static MapTypes of(Session session, Refs.Resolved<? extends BpfObject> ref, BpfMap map) {
        String problem = null;
        Optional<Refs.ModuleMap> mm = ref.moduleMap();
        if (mm.isPresent()) {
            Optional<MapBtf> fromModule = MapBtf.of(mm.get().module(), mm.get().map());
            if (fromModule.isPresent()) {
                String source = "the object of module " + mm.get().moduleName();
                String p = cannotShow(map, fromModule.get());
                if (p == null) {
                    return new MapTypes(fromModule.get(), source);
                }
                // the kernel's copy of the same types may still do (it has the loader's fix-ups)
                problem = "its types from " + source + " cannot show it (" + p + ")";
            }
        }
        Optional<MapBtf> fromKernel;
        try {
            fromKernel = MapBtf.fromKernel(map);
        } catch (EngineException e) {
            note(session, map, problem, "its BTF cannot be read (" + e.getMessage() + ")");
            return NONE;
        }
        if (fromKernel.isEmpty()) {
            note(session, map, problem, null);
            return NONE;
        }
        String source = "the kernel's BTF (id " + map.info().btfId() + ")";
        String p = cannotShow(map, fromKernel.get());
        if (p != null) {
            note(session, map, problem, "its types from " + source + " cannot show it (" + p + ")");
            return NONE;
        }
        return new MapTypes(fromKernel.get(), source);
    }

    /**
     * Shows a zero key and value once, so that a type that cannot be shown (or that does not match
     * the map's sizes) makes the map raw with a note, rather than failing in the middle of a dump.
     *
     * @return null when the types show the map, else why not
     */
    private static String cannotShow(BpfMap map, MapBtf btf) {
        try {
            if (btf.hasKeyType()) {
                btf.formatKey(new byte[map.keySize()]);
            }
            btf.formatValue(new byte[map.valueSize()]);
            return null;
        } catch (EngineException e) {
            return e.getMessage();
        }
    }

    /** "bpfsh: note: showing MAP raw: WHY; WHY" on stderr, when there is a why. */
    private static void note(Session session, BpfMap map, String first, String second) {
        if (first == null && second == null) {
            return;
        }
        String why = first == null ? second : second == null ? first : first + "; " + second;
        session.err().println("bpfsh: note: showing " + map.describe() + " raw: " + why);
        session.err().flush();
    }

    /** True when the map has BTF types (at least for its value). */
    public boolean typed() {
        return btf != null;
    }

    public boolean hasKeyType() {
        return btf != null && btf.hasKeyType();
    }

    /** "__u32"; empty when the key has no type. */
    public Optional<String> keyTypeName() {
        return hasKeyType() ? Optional.of(btf.keyTypeName()) : Optional.empty();
    }

    /** "struct counter", "section .data"; empty when the map has no types. */
    public Optional<String> valueTypeName() {
        return typed() ? Optional.of(btf.valueTypeName()) : Optional.empty();
    }

    /** Where the types come from: "the object of module counter", "the kernel's BTF (id 42)". */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    // ---- literals

    /** The bytes of a KEY literal: typed when the key has a type and the literal is not hex:. */
    public byte[] key(LiteralArg arg, int size) throws CommandException {
        if (!hasKeyType() || DataLiteral.isHex(arg)) {
            return DataLiteral.parse(arg, size, "key");
        }
        return typed(arg, "key", btf::parseKey);
    }

    /** The bytes of one VALUE literal (one CPU's slot for per-CPU maps). */
    public byte[] value(LiteralArg arg, int size) throws CommandException {
        if (!typed() || DataLiteral.isHex(arg)) {
            return DataLiteral.parse(arg, size, "value");
        }
        return typed(arg, "value", btf::parseValue);
    }

    private interface Parser {
        byte[] parse(String literal) throws EngineException;
    }

    /**
     * A typed literal. For a type that takes strings (a char array), a quoted word is its text,
     * as in the raw grammar, unless it starts with '"' or '[' (the typed string and array forms).
     */
    private static byte[] typed(LiteralArg arg, String role, Parser parser) throws CommandException {
        String literal = arg.text();
        String s = literal.strip();
        if (arg.quoted() && !s.startsWith("\"") && !s.startsWith("[") && takesStrings(parser)) {
            literal = asString(arg.text());
        }
        try {
            return parser.parse(literal);
        } catch (EngineException e) {
            throw new CommandException(role + " " + arg.shown() + ": " + e.getMessage());
        }
    }

    /** Whether the type reads a string literal: char arrays do, everything else refuses even "". */
    private static boolean takesStrings(Parser parser) {
        try {
            parser.parse("\"\"");
            return true;
        } catch (EngineException e) {
            return false;
        }
    }

    /** The text as a typed string literal, with the escapes the typed grammar reads. */
    static String asString(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    // ---- showing

    /** A key as text: by its type, else raw (an integer for 1, 2, 4 or 8 bytes, else hex:). */
    public String keyText(byte[] b, int offset, int length) throws EngineException {
        return hasKeyType() ? btf.formatKey(slice(b, offset, length)) : DataFormat.text(b, offset, length);
    }

    /** A value (or one CPU's slot) as text: by its type, else raw. */
    public String valueText(byte[] b, int offset, int length) throws EngineException {
        return typed() ? btf.formatValue(slice(b, offset, length)) : DataFormat.text(b, offset, length);
    }

    /** The typed JSON form of a key (Map, List, Long, String, ...); only when {@link #hasKeyType()}. */
    public Object keyJson(byte[] b, int offset, int length) throws EngineException {
        return btf.jsonKey(slice(b, offset, length));
    }

    /** The typed JSON form of a value or one CPU's slot; only when {@link #typed()}. */
    public Object valueJson(byte[] b, int offset, int length) throws EngineException {
        return btf.jsonValue(slice(b, offset, length));
    }

    private static byte[] slice(byte[] b, int offset, int length) {
        return offset == 0 && length == b.length ? b : Arrays.copyOfRange(b, offset, offset + length);
    }
}
