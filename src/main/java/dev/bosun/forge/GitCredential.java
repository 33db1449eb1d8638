package dev.bosun.forge;

/**
 * What git sends a host to push (GitHub: the token as the password of {@code x-access-token}). It reaches git only
 * through a credential helper fed on its standard input, never an argument, a variable or a remote's address.
 */
public record GitCredential(String protocol, String host, String username, String password) {
    /** The lines {@code git credential approve} reads. */
    String asInput() {
        return "protocol=" + protocol + "\nhost=" + host + "\nusername=" + username + "\npassword=" + password + "\n\n";
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "GitCredential[" + protocol + "://" + username + "@" + host + "]";
    }
}
