package io.github.vae4j.series;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.github.vae4j.internal.CsvFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link TimeSeries} from a CSV file through FastCSV (plain or gzip): the channels by name, an optional
 * timestamp column, missing values, and the gaps in the timestamps filled with missing points at the sampling step.
 */
final class SeriesCsv {

    private SeriesCsv() {
    }

    static TimeSeries read(Path file, List<String> wanted, String timestampColumn) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvFiles.open(file)) {
            CloseableIterator<CsvRecord> records = reader.iterator();
            List<String> header = CsvFiles.header(records, file, "a time series").getFields();
            int timeField = header.indexOf(timestampColumn);
            List<String> channels = wanted != null ? wanted : new ArrayList<>(header);
            if (wanted == null && timeField >= 0) {
                channels.remove(timestampColumn);
            }
            if (channels.isEmpty()) {
                throw new IllegalArgumentException(file + " has no channel: its only column is the timestamp");
            }
            TimeSeries.checkChannels(channels);
            int[] fieldOf = new int[channels.size()];
            for (int c = 0; c < fieldOf.length; c++) {
                fieldOf[c] = header.indexOf(channels.get(c));
                if (fieldOf[c] < 0) {
                    throw new IllegalArgumentException(file + " has no column '" + channels.get(c) + "': its header "
                            + "has " + header);
                }
            }
            Rows rows = new Rows(channels.size(), timeField >= 0);
            long line = 1;
            for (CsvRecord r = CsvFiles.next(records, file, line); r != null; r = CsvFiles.next(records, file, line)) {
                line = r.getStartingLineNumber();
                String where = file + " line " + line;
                if (r.getFieldCount() != header.size()) {
                    throw new IllegalArgumentException(where + " has " + r.getFieldCount() + " fields, the header has "
                            + header.size());
                }
                float[] point = new float[channels.size()];
                for (int c = 0; c < point.length; c++) {
                    point[c] = number(r.getField(fieldOf[c]).strip(), where + ", column '" + channels.get(c) + "'");
                }
                long time = timeField >= 0 ? time(r.getField(timeField).strip(), where + ", column '"
                        + timestampColumn + "'") : 0;
                rows.add(point, time, where);
            }
            if (rows.count == 0) {
                throw new IllegalArgumentException(file + " has a header and no points");
            }
            return rows.series(channels, file);
        }
    }

    private static float number(String field, String where) {
        if (CsvFiles.isMissing(field)) {
            return Float.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(field);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + CsvFiles.abbreviate(field) + "' is not a number", e);
        }
        if (Double.isNaN(v)) {
            return Float.NaN;
        }
        return TimeSeries.value(v, where);
    }

    /** Epoch milliseconds from digits, an ISO-8601 instant or offset date-time, or a local date-time read as UTC. */
    static long time(String field, String where) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException(where + " is empty: every point needs its timestamp");
        }
        if (field.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(field);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": '" + CsvFiles.abbreviate(field) + "' is too large for "
                        + "epoch milliseconds", e);
            }
        }
        try {
            return Instant.parse(field).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(field).toInstant().toEpochMilli();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(field).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(where + ": '" + CsvFiles.abbreviate(field) + "' is not a "
                            + "timestamp (ISO-8601, such as 2026-12-07T10:15:00Z, or epoch milliseconds)", e);
                }
            }
        }
    }

    /** The points read so far, and their timestamps. */
    private static final class Rows {
        private final int width;
        private final boolean timed;
        private float[] values = new float[1024];
        private long[] times = new long[64];
        private String[] lines = new String[64];
        private int count;

        Rows(int width, boolean timed) {
            this.width = width;
            this.timed = timed;
        }

        void add(float[] point, long time, String where) {
            if ((long) (count + 1) * width > TimeSeries.MAX_VALUES) {
                throw new IllegalArgumentException(where + ": more than " + TimeSeries.MAX_VALUES + " values");
            }
            if (timed && count > 0 && time <= times[count - 1]) {
                throw new IllegalArgumentException(where + ": timestamp " + Instant.ofEpochMilli(time)
                        + (time == times[count - 1] ? " repeats the one before" : " goes backwards from "
                        + Instant.ofEpochMilli(times[count - 1]) + " (" + lines[count - 1] + ")")
                        + "; timestamps must increase");
            }
            if ((count + 1) * width > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(TimeSeries.MAX_VALUES, 2L * values.length + width));
            }
            System.arraycopy(point, 0, values, count * width, width);
            if (timed) {
                if (count == times.length) {
                    times = Arrays.copyOf(times, 2 * count);
                    lines = Arrays.copyOf(lines, 2 * count);
                }
                times[count] = time;
                lines[count] = where;
            }
            count++;
        }

        TimeSeries series(List<String> channels, Path file) {
            if (!timed || count == 1) {
                return new TimeSeries(channels, Arrays.copyOf(values, count * width), timed ? times[0] : 0, 0);
            }
            long step = mostCommonStep();
            long total = 1;
            for (int i = 1; i < count; i++) {
                long diff = times[i] - times[i - 1];
                long steps = Math.round((double) diff / step);
                if (steps < 1) {
                    throw new IllegalArgumentException(lines[i] + ": timestamp " + Instant.ofEpochMilli(times[i])
                            + " comes " + diff + " ms after the one before, less than half the series' step of "
                            + step + " ms");
                }
                total += steps;
                if (total * width > TimeSeries.MAX_VALUES) {
                    throw new IllegalArgumentException(lines[i] + ": the gap before it makes the series longer "
                            + "than " + TimeSeries.MAX_VALUES + " values at a step of " + step + " ms");
                }
            }
            float[] out = new float[(int) total * width];
            Arrays.fill(out, Float.NaN);
            long at = 0;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    at += Math.round((double) (times[i] - times[i - 1]) / step);
                }
                System.arraycopy(values, i * width, out, (int) at * width, width);
            }
            return new TimeSeries(channels, out, times[0], step);
        }

        private long mostCommonStep() {
            Map<Long, Integer> counts = new HashMap<>();
            for (int i = 1; i < count; i++) {
                counts.merge(times[i] - times[i - 1], 1, Integer::sum);
            }
            long best = 0;
            int most = 0;
            for (Map.Entry<Long, Integer> e : counts.entrySet()) {
                if (e.getValue() > most || e.getValue() == most && e.getKey() < best) {
                    best = e.getKey();
                    most = e.getValue();
                }
            }
            return best;
        }
    }
}
