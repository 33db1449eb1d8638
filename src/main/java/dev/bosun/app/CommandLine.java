package dev.bosun.app;

/** The command-line options. Unknown options are an error with the usage text, never silently ignored. */
record CommandLine(boolean headless, String dataDir, boolean help, boolean selfCheck) {

    static final String USAGE = """
            Usage: bosun [--headless | --self-check] [--data-dir DIR]

              --headless        run the engine without a window (stop with Ctrl-C or SIGTERM)
              --self-check      start the engine without a window, print the version and the engine's
                                state, stop cleanly; exit 0 if all is well
              --data-dir DIR    keep the database, logs and checkouts in DIR
                                (default: $BOSUN_HOME, else the per-user data folder)
              --help            show this text
            """;

    static CommandLine parse(String[] args) {
        boolean headless = false;
        boolean help = false;
        boolean selfCheck = false;
        String dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--headless")) {
                headless = true;
            } else if (a.equals("--self-check")) {
                selfCheck = true;
            } else if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.equals("--data-dir")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--data-dir needs a folder");
                }
                dataDir = args[++i];
            } else if (a.startsWith("--data-dir=")) {
                dataDir = a.substring("--data-dir=".length());
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new CommandLine(headless || selfCheck, dataDir, help, selfCheck);
    }
}
