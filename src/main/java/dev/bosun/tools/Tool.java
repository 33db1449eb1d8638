package dev.bosun.tools;

import java.util.List;

/**
 * One tool of a surface. The handler gets the caller's grant (from its token, never from the arguments) and the
 * checked arguments; it returns the result (a value, or a future of one) that is sent back as JSON text.
 */
record Tool(String name, String description, List<Param> params, Handler handler) {
    @FunctionalInterface
    interface Handler {
        Object call(Grant caller, Args args) throws Exception;
    }

    Tool {
        params = List.copyOf(params);
    }
}
