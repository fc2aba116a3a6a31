package dev.coffer.store.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a migration script into the statements to execute one by one. JDBC drivers disagree on
 * multi-statement strings (sqlite-jdbc runs only the first), so the script is split here.
 *
 * <p>Rules: statements end with {@code ;}; a {@code ;} inside a '…' string, a "…" identifier, a
 * {@code --} comment or a {@code /* *}{@code /} comment does not end one; comments are dropped. Not
 * supported: bodies with inner semicolons (SQLite triggers, PostgreSQL {@code $$} functions).
 */
final class SqlScript {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private SqlScript() {
    }

    static List<String> statements(String script, Map<String, String> placeholders) {
        return split(substitute(script, placeholders));
    }

    static String substitute(String script, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder(script.length());
        while (m.find()) {
            String word = placeholders.get(m.group(1));
            if (word == null) {
                throw new IllegalArgumentException("unknown placeholder ${" + m.group(1) + "}; known: "
                        + new TreeSet<>(placeholders.keySet()));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(word));
        }
        m.appendTail(out);
        return out.toString();
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int n = script.length();
        int i = 0;
        while (i < n) {
            char ch = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : '\0';
            if (ch == '-' && next == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end; // keep the newline as whitespace
            } else if (ch == '/' && next == '*') {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated /* comment");
                }
                current.append(' ');
                i = end + 2;
            } else if (ch == '\'' || ch == '"') {
                int end = closingQuote(script, i);
                current.append(script, i, end + 1);
                i = end + 1;
            } else if (ch == ';') {
                addIfNotBlank(statements, current);
                current.setLength(0);
                i++;
            } else {
                current.append(ch);
                i++;
            }
        }
        addIfNotBlank(statements, current);
        return List.copyOf(statements);
    }

    /** Index of the quote that closes the one at {@code start}; a doubled quote is an escaped one. */
    private static int closingQuote(String script, int start) {
        char quote = script.charAt(start);
        int i = start + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote");
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder sql) {
        String s = sql.toString().strip();
        if (!s.isEmpty()) {
            statements.add(s);
        }
    }
}
