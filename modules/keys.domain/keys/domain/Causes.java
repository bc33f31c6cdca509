package keys.domain;

import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failure in words a person can act on. The JDK leaves the operating system's reason out of
 * some messages: a {@link NoSuchFileException} or {@link AccessDeniedException} says only the
 * path, an {@link UnknownHostException} only the host name, an {@link UnresolvedAddressException}
 * nothing at all; and a wrapper's message repeats its cause's class name. This puts the reason back.
 */
public final class Causes {
    private Causes() {
    }

    /** The message of {@code e}, followed by the reason of each cause that it does not already say; never null. */
    public static String describe(Throwable e) {
        Throwable top = e;
        while (top.getCause() != null && (top.getMessage() == null || top.getMessage().equals(top.getCause().toString()))) {
            top = top.getCause(); // a bare wrapper (new UncheckedIOException(e)): its cause says it all
        }
        StringBuilder text = new StringBuilder(own(top));
        for (Throwable c = top.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String reason = reason(c);
            if (reason != null && text.indexOf(reason) < 0) {
                text.append(": ").append(reason);
            }
        }
        return text.toString();
    }

    private static String own(Throwable e) {
        String message = e.getMessage();
        if (e instanceof UnknownHostException) {
            return message == null ? "unknown host" : "unknown host " + message;
        }
        String reason = reason(e);
        if (message == null || message.isBlank()) {
            return reason != null ? reason : e.getClass().getSimpleName();
        }
        return reason == null || message.contains(reason) ? message : message + ": " + reason;
    }

    /** What the operating system would have said, where the JDK's message may leave it out; else null. */
    private static String reason(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return switch (e) {
            case NoSuchFileException x -> "No such file or directory";
            case AccessDeniedException x -> "Permission denied";
            case NotDirectoryException x -> "Not a directory";
            case FileAlreadyExistsException x -> "File exists";
            case DirectoryNotEmptyException x -> "Directory not empty";
            case UnknownHostException x -> "unknown host";
            case UnresolvedAddressException x -> "unresolved address";
            default -> null;
        };
    }
}
