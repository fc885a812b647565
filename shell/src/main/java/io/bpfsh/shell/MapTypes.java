package io.bpfsh.shell;

import io.bpfsh.engine.EngineException;
import io.bpfsh.engine.load.MapBtf;
import io.bpfsh.engine.load.MapTypeView;
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
 * engine's ({@link MapBtf}), and so is the choice of where they come from ({@link MapTypeView}: the
 * module's object for {@code MODULE:NAME}, else the kernel's BTF); this class says on stderr why a
 * map is shown raw, and decides which literal grammar applies.
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

    /** The types of the map a REF resolved to; the engine's view decides where they come from. */
    public static MapTypes of(Session session, Refs.Resolved<? extends BpfObject> ref, BpfMap map) {
        Optional<Refs.ModuleMap> mm = ref.moduleMap();
        MapTypeView view = mm.isPresent()
                ? MapTypeView.of(mm.get().module(), mm.get().map(), "the object of module " + mm.get().moduleName())
                : MapTypeView.of(map);
        if (view.rawReason().isPresent()) {
            session.err().println("bpfsh: note: showing " + map.describe() + " raw: " + view.rawReason().get());
            session.err().flush();
        }
        return view.btf().isPresent() ? new MapTypes(view.btf().get(), view.sourceText().orElseThrow()) : NONE;
    }

    /** The whole name, from the BTF, of a map whose kernel name is cut at 15 characters; see MapBtf. */
    public Optional<String> fullName(String kernelName) {
        return btf == null ? Optional.empty() : btf.fullName(kernelName);
    }

    /** The types, for the engine's typed operations (migrate); empty when raw. */
    public Optional<MapBtf> btf() {
        return Optional.ofNullable(btf);
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
        return typed(arg, "key", btf::parseKey, btf.keyTakesString());
    }

    /** The bytes of one VALUE literal (one CPU's slot for per-CPU maps). */
    public byte[] value(LiteralArg arg, int size) throws CommandException {
        if (!typed() || DataLiteral.isHex(arg)) {
            return DataLiteral.parse(arg, size, "value");
        }
        return typed(arg, "value", btf::parseValue, btf.valueTakesString());
    }

    /**
     * A typed literal written over an existing value (one CPU's slot for per-CPU maps): the fields it
     * leaves out keep their bytes. For FIELD=VALUE edits; only when {@link #typed()}.
     */
    public byte[] valueOnto(String literal, byte[] base, String shown) throws CommandException {
        try {
            return btf.parseValueOnto(literal, base);
        } catch (EngineException e) {
            throw new CommandException("value " + shown + ": " + e.getMessage());
        }
    }

    private interface Parser {
        byte[] parse(String literal) throws EngineException;
    }

    /**
     * A typed literal. For a type that takes strings (a char array), a quoted word is its text,
     * as in the raw grammar, unless it starts with '"' or '[' (the typed string and array forms).
     */
    private static byte[] typed(LiteralArg arg, String role, Parser parser, boolean takesStrings)
            throws CommandException {
        String literal = arg.text();
        String s = literal.strip();
        if (arg.quoted() && !s.startsWith("\"") && !s.startsWith("[") && takesStrings) {
            literal = asString(arg.text());
        }
        try {
            return parser.parse(literal);
        } catch (EngineException e) {
            throw new CommandException(role + " " + arg.shown() + ": " + e.getMessage());
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
