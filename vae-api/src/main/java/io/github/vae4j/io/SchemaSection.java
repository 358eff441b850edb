package io.github.vae4j.io;

import static io.github.vae4j.io.ByteSink.utf8;

import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Scaling;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.UnknownLevels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A tabular model's schema (at the end of the configuration) and fitted scaling (a section of its own), both from
 * version 4; each a flag, so that other models write one byte.
 */
final class SchemaSection {

    private SchemaSection() {
    }

    /** @return the schema's bytes in the configuration: a flag, then the columns; checks the strings' limits */
    static long schemaBytes(Schema schema) {
        if (schema == null) {
            return 1;
        }
        long n = 1 + 8 + 1 + 4;
        for (Column c : schema.columns()) {
            n += utf8("column name", c.name()) + 1 + 1 + 1 + 1 + 4;
            for (String level : c.levels()) {
                n += utf8("level of column " + c.name(), level);
            }
        }
        return n;
    }

    static void writeSchema(ByteSink sink, Schema schema) throws IOException {
        sink.int8(schema == null ? 0 : 1);
        if (schema == null) {
            return;
        }
        sink.float64(schema.varianceFloor());
        sink.int8(schema.unknownLevels().ordinal());
        sink.int32(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            Column c = schema.column(i);
            sink.string(c.name());
            sink.int8(c.kind().ordinal());
            sink.int8(c.nullable() ? 1 : 0);
            sink.int8(c.logTransform() ? 1 : 0);
            sink.int8(schema.isCondition(i) ? 1 : 0);
            sink.int32(c.levels().size());
            for (String level : c.levels()) {
                sink.string(level);
            }
        }
    }

    static Schema readSchema(ByteSource in, FormatVersion version) throws IOException {
        in.section("schema");
        int flagOffset = in.position();
        int has = in.int8("schema flag");
        if (has > 1) {
            throw in.fail(flagOffset, "schema flag is %s, it must be 0 or 1", has);
        }
        if (has == 0) {
            return null;
        }
        double floor = in.float64("variance floor");
        int policyOffset = in.position();
        int policy = in.int8("unknown levels policy");
        if (policy >= UnknownLevels.values().length) {
            throw in.fail(policyOffset, "unknown levels policy is %s, it must be 0 (reject), 1 (as missing) or 2 "
                    + "(least likely)", policy);
        }
        int n = in.count("column count", Schema.MAX_COLUMNS);
        List<Column> columns = new ArrayList<>(n);
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            columns.add(column(in, i, version, conditions));
        }
        try {
            return Schema.of(columns).toBuilder().varianceFloor(floor).unknownLevels(UnknownLevels.values()[policy])
                    .build().withConditions(conditions.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid schema: " + e.getMessage(), e);
        }
    }

    private static Column column(ByteSource in, int i, FormatVersion version, List<String> conditions)
            throws IOException {
        String name = in.string("column " + i + " name");
        int kindOffset = in.position();
        int kind = in.int8("column " + i + " kind");
        int nullable = in.int8("column " + i + " nullable flag");
        int log = in.int8("column " + i + " log flag");
        int conditionOffset = in.position();
        int condition = version.hasConditions() ? in.int8("column " + i + " condition flag") : 0;
        if (condition > 1) {
            throw in.fail(conditionOffset, "column %s has condition flag %s, it must be 0 or 1", i, condition);
        }
        if (condition == 1) {
            conditions.add(name);
        }
        int levelCount = in.count("column " + i + " level count", Column.MAX_LEVELS);
        List<String> levels = new ArrayList<>(levelCount);
        for (int k = 0; k < levelCount; k++) {
            levels.add(in.string("column " + i + " level " + k));
        }
        if (kind >= ColumnKind.values().length || nullable > 1 || log > 1) {
            throw in.fail(kindOffset, "column %s has kind %s, nullable flag %s and log flag %s; kinds are 0 to "
                    + "2, flags 0 or 1", i, kind, nullable, log);
        }
        try {
            return new Column(name, ColumnKind.values()[kind], nullable == 1, levels, log == 1);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid schema: " + e.getMessage(), e);
        }
    }

    /** @return the scaling section's bytes */
    static long scalingBytes(Scaling scaling) {
        return 1 + (scaling == null ? 0 : 4 + 16L * scaling.size());
    }

    static void writeScaling(ByteSink sink, Scaling scaling) throws IOException {
        sink.int8(scaling == null ? 0 : 1);
        if (scaling != null) {
            sink.int32(scaling.size());
            for (int i = 0; i < scaling.size(); i++) {
                sink.float64(scaling.centerOf(i));
            }
            for (int i = 0; i < scaling.size(); i++) {
                sink.float64(scaling.scaleOf(i));
            }
        }
    }

    static Scaling readScaling(ByteSource in) throws IOException {
        in.section("scaling");
        int flagOffset = in.position();
        int hasScaling = in.int8("scaling flag");
        if (hasScaling > 1) {
            throw in.fail(flagOffset, "scaling flag is %s, it must be 0 or 1", hasScaling);
        }
        if (hasScaling == 0) {
            return null;
        }
        int n = in.count("scaled column count", Schema.MAX_COLUMNS);
        double[] center = new double[n];
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            center[i] = in.float64("centre");
        }
        for (int i = 0; i < n; i++) {
            scale[i] = in.float64("scale");
        }
        try {
            return new Scaling(center, scale);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid scaling: " + e.getMessage(), e);
        }
    }
}
