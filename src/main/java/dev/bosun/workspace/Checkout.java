package dev.bosun.workspace;

/** A prepared checkout: where it is, its branch, and the exact commit it started from (the GC's guard). */
public record Checkout(String path, String branch, String baseRef, String baseSha) {}
