package dev.coffer.sigv4.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The two date forms SigV4 reads: ISO 8601 basic ({@code 20130524T000000Z}) and the HTTP {@code Date}. */
public final class AmzDates {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private AmzDates() {
    }

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'} strictly (exactly 16 characters, UTC). */
    public static Optional<Instant> parseBasic(String s) {
        if (s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z') {
            return Optional.empty();
        }
        for (int i = 0; i < 15; i++) {
            if (i != 8 && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(LocalDateTime.of(
                    num(s, 0, 4), num(s, 4, 6), num(s, 6, 8),
                    num(s, 9, 11), num(s, 11, 13), num(s, 13, 15)).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Parses an RFC 1123 HTTP date ({@code Fri, 24 May 2013 00:00:00 GMT}). */
    public static Optional<Instant> parseHttpDate(String s) {
        try {
            return Optional.of(ZonedDateTime.parse(s.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String formatBasic(Instant t) {
        return BASIC.format(t.atOffset(ZoneOffset.UTC));
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }
}
