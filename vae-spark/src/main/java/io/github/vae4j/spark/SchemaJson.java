package io.github.vae4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vae4j.tabular.Column;
import io.github.vae4j.tabular.ColumnKind;
import io.github.vae4j.tabular.Schema;
import io.github.vae4j.tabular.UnknownLevels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Schema} as a JSON string, the value of {@link SparkVae}'s schema param: saved with the stage, and sent to
 * the tasks. {@code {"varianceFloor": 0.01, "unknownLevels": "REJECT", "columns": [{"name": "amount", "kind":
 * "NUMERIC", "nullable": true, "logTransform": true, "levels": []}, ...]}}.
 */
final class SchemaJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaJson() {
    }

    static String write(Schema schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("varianceFloor", schema.varianceFloor());
        root.put("unknownLevels", schema.unknownLevels().name());
        ArrayNode columns = root.putArray("columns");
        for (int i = 0; i < schema.size(); i++) {
            Column c = schema.column(i);
            ObjectNode col = columns.addObject();
            col.put("name", c.name());
            col.put("kind", c.kind().name());
            col.put("nullable", c.nullable());
            col.put("logTransform", c.logTransform());
            col.put("condition", schema.isCondition(i));
            ArrayNode levels = col.putArray("levels");
            c.levels().forEach(levels::add);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param json as {@link #write} gives it
     * @return the schema
     * @throws IllegalArgumentException if the JSON is not a schema
     */
    static Schema read(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Column> columns = new ArrayList<>();
            List<String> conditions = new ArrayList<>();
            for (JsonNode c : root.path("columns")) {
                if (c.path("condition").asBoolean()) {
                    conditions.add(c.path("name").asText());
                }
                List<String> levels = new ArrayList<>();
                c.path("levels").forEach(l -> levels.add(l.asText()));
                columns.add(new Column(c.path("name").asText(), ColumnKind.valueOf(c.path("kind").asText()),
                        c.path("nullable").asBoolean(), levels, c.path("logTransform").asBoolean()));
            }
            return Schema.of(columns).toBuilder().varianceFloor(root.path("varianceFloor").asDouble())
                    .unknownLevels(UnknownLevels.valueOf(root.path("unknownLevels").asText())).build()
                    .withConditions(conditions.toArray(String[]::new));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a schema: " + json, e);
        }
    }
}
