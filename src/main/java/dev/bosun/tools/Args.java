package dev.bosun.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments, checked against the tool's parameters before anything runs: unknown fields, missing
 * required ones, wrong types, control characters and oversized values are refused with a message that names the
 * field and says what is expected.
 */
final class Args {
    private static final int ID_MAX = 64;

    private final Map<String, Object> values;

    private Args(Map<String, Object> values) {
        this.values = values;
    }

    static Args check(Map<String, Object> raw, List<Param> params) throws BadArguments {
        Map<String, Object> given = raw == null ? Map.of() : raw;
        Map<String, Param> byName = new HashMap<>();
        params.forEach(p -> byName.put(p.name(), p));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                throw new BadArguments("Unknown argument \"" + clip(key) + "\". This tool takes: "
                        + String.join(", ", byName.keySet().stream().sorted().toList()) + ".");
            }
        }
        Map<String, Object> checked = new HashMap<>();
        for (Param p : params) {
            Object v = given.get(p.name());
            if (v == null || (v instanceof String s && s.isBlank())) {
                if (p.required()) {
                    throw new BadArguments("\"" + p.name() + "\" is required: " + p.description());
                }
                continue;
            }
            checked.put(p.name(), switch (p.type()) {
                case STRING -> text(p, v);
                case INTEGER -> integer(p, v);
                case STRING_LIST -> ids(p, v);
            });
        }
        return new Args(checked);
    }

    private static String text(Param p, Object v) throws BadArguments {
        if (!(v instanceof String s)) {
            throw new BadArguments("\"" + p.name() + "\" must be a string.");
        }
        if (s.length() > p.maxLength()) {
            throw new BadArguments("\"" + p.name() + "\" is " + s.length() + " characters; at most " + p.maxLength()
                    + " are allowed. Shorten it.");
        }
        // a title or a name has one line; a task, a body or a summary may have many
        var unsafe = dev.bosun.domain.UnsafeText.find(s, p.maxLength() > 2000);
        if (unsafe.isPresent()) {
            throw new BadArguments("\"" + p.name() + "\" contains " + unsafe.get() + ", which could make it show "
                    + "other than it is. Remove it.");
        }
        return s.strip();
    }

    private static Integer integer(Param p, Object v) throws BadArguments {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new BadArguments("\"" + p.name() + "\" must be a whole number.");
    }

    private static List<String> ids(Param p, Object v) throws BadArguments {
        if (!(v instanceof List<?> list)) {
            throw new BadArguments("\"" + p.name() + "\" must be an array of ids.");
        }
        if (list.size() > p.maxLength()) {
            throw new BadArguments("\"" + p.name() + "\" lists " + list.size() + " ids; at most " + p.maxLength()
                    + " are allowed.");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s) || !s.matches("[A-Za-z0-9_-]{1," + ID_MAX + "}")) {
                throw new BadArguments("\"" + p.name() + "\" must hold ids such as the ones spawn_worker returns.");
            }
            out.add(s);
        }
        return out;
    }

    String text(String name) {
        return (String) values.get(name);
    }

    int integer(String name) {
        return (Integer) values.get(name);
    }

    /** An optional whole number; null when it was left out. */
    Integer optionalInteger(String name) {
        return (Integer) values.get(name);
    }

    @SuppressWarnings("unchecked")
    List<String> ids(String name) {
        return (List<String>) values.getOrDefault(name, List.of());
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** The arguments were not acceptable; the message says which and why. */
    static final class BadArguments extends Exception {
        BadArguments(String message) {
            super(message, null, false, false);
        }
    }
}
