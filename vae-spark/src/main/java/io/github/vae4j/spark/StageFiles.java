package io.github.vae4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The files of a saved stage, through Hadoop's FileSystem (local paths, HDFS and object stores alike), in MLlib's
 * layout so that a saved {@code Pipeline} finds the stage: {@code metadata/part-00000}, one JSON line with the
 * class, uid, Spark version and the stage's set and default params; and the stage's own files beside it.
 */
final class StageFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StageFiles() {
    }

    /**
     * Writes the metadata of a stage.
     *
     * @param stage the stage
     * @param path the stage's folder
     * @param conf Hadoop's configuration
     * @param sparkVersion the running Spark's version
     * @throws IOException if writing fails
     */
    static void writeMetadata(Params stage, String path, Configuration conf, String sparkVersion)
            throws IOException {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("class", stage.getClass().getName());
        meta.put("timestamp", System.currentTimeMillis());
        meta.put("sparkVersion", sparkVersion);
        meta.put("uid", stage.uid());
        ObjectNode set = meta.putObject("paramMap");
        ObjectNode defaults = meta.putObject("defaultParamMap");
        for (Param<?> p : stage.params()) {
            if (stage.isSet(p)) {
                set.set(p.name(), encode(stage, p, stage.getOrDefault(p)));
            } else if (stage.hasDefault(p)) {
                defaults.set(p.name(), encode(stage, p, stage.getOrDefault(p)));
            }
        }
        write(new Path(new Path(path, "metadata"), "part-00000"), conf,
                (JSON.writeValueAsString(meta) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static JsonNode encode(Params stage, Param<?> p, Object value) throws IOException {
        return JSON.readTree(((Param<Object>) p).jsonEncode(value));
    }

    /**
     * Reads the metadata of a stage into it: checks the class and sets the params it records.
     *
     * @param stage a new stage of the expected class, whose uid was read with {@link #readUid}
     * @param path the stage's folder
     * @param conf Hadoop's configuration
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the metadata is of another class or names an unknown param
     */
    @SuppressWarnings("unchecked")
    static void readParams(Params stage, String path, Configuration conf) throws IOException {
        JsonNode meta = metadata(path, conf);
        String cls = meta.path("class").asText();
        if (!cls.equals(stage.getClass().getName())) {
            throw new IllegalArgumentException(path + " holds a " + cls + ", not a " + stage.getClass().getName());
        }
        for (String section : new String[] {"defaultParamMap", "paramMap"}) {
            Iterator<Map.Entry<String, JsonNode>> fields = meta.path(section).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!stage.hasParam(f.getKey())) {
                    throw new IllegalArgumentException(path + " sets param '" + f.getKey() + "', which "
                            + stage.getClass().getSimpleName() + " does not have");
                }
                Param<Object> p = (Param<Object>) stage.getParam(f.getKey());
                Object value = p.jsonDecode(JSON.writeValueAsString(f.getValue()));
                if (section.equals("paramMap")) {
                    stage.set(p, value);
                } else {
                    stage.setDefault(p, value);
                }
            }
        }
    }

    /**
     * @param path the stage's folder
     * @param conf Hadoop's configuration
     * @return the uid the metadata records
     * @throws IOException if reading fails
     */
    static String readUid(String path, Configuration conf) throws IOException {
        return metadata(path, conf).path("uid").asText();
    }

    private static JsonNode metadata(String path, Configuration conf) throws IOException {
        byte[] bytes = read(new Path(new Path(path, "metadata"), "part-00000"), conf);
        return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Writes a file whole.
     *
     * @param file the file
     * @param conf Hadoop's configuration
     * @param bytes the content
     * @throws IOException if writing fails
     */
    static void write(Path file, Configuration conf, byte[] bytes) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        try (FSDataOutputStream out = fs.create(file, true)) {
            out.write(bytes);
        }
    }

    /**
     * Reads a file whole.
     *
     * @param file the file
     * @param conf Hadoop's configuration
     * @return the content
     * @throws IOException if reading fails
     */
    static byte[] read(Path file, Configuration conf) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        long length = fs.getFileStatus(file).getLen();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException(file + " has " + length + " bytes, more than a model file can");
        }
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }
}
