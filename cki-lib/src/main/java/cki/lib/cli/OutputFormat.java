package cki.lib.cli;

/** How a command prints its result on stdout. */
public enum OutputFormat {
    /** for people */
    text,
    /** for programs */
    json
}
