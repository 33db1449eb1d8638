package dev.bosun.tools;

/** One argument of a tool: its JSON type, what it means, whether it is required, and its size limit. */
record Param(String name, Type type, String description, boolean required, int maxLength) {
    enum Type {
        STRING("string"), INTEGER("integer"), STRING_LIST("array");

        final String json;

        Type(String json) {
            this.json = json;
        }
    }

    static Param text(String name, String description, int maxLength) {
        return new Param(name, Type.STRING, description, true, maxLength);
    }

    static Param optionalText(String name, String description, int maxLength) {
        return new Param(name, Type.STRING, description, false, maxLength);
    }

    static Param integer(String name, String description) {
        return new Param(name, Type.INTEGER, description, true, 0);
    }

    static Param optionalInteger(String name, String description) {
        return new Param(name, Type.INTEGER, description, false, 0);
    }

    /** A list of ids; {@code maxLength} bounds the number of items. */
    static Param optionalIds(String name, String description, int maxItems) {
        return new Param(name, Type.STRING_LIST, description, false, maxItems);
    }
}
