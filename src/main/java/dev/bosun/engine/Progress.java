package dev.bosun.engine;

/** How far a long pass is, for the status bar: {@code done} of {@code of} items ("checkouts examined"). */
public record Progress(String items, int done, int of) {
    public String text() {
        return done + " of " + of + " " + items;
    }
}
