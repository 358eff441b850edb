package io.github.vae4j.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An index.html that shows a program's pictures with captions. */
final class Gallery {

    private record Figure(String file, String title, String caption) {
    }

    private final String title;
    private final List<String> notes = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();

    Gallery(String title) {
        this.title = title;
    }

    /** Adds a paragraph above the pictures. */
    Gallery note(String text) {
        notes.add(text);
        return this;
    }

    /** Adds a picture, by its file name in the output folder. */
    Gallery figure(String file, String title, String caption) {
        figures.add(new Figure(file, title, caption));
        return this;
    }

    /** Writes {@code index.html} into the folder and returns its path. */
    Path write(Path folder) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; "
                        + "color: #222; }\n")
                .append("figure { margin: 2em 0; }\nfigure img { max-width: 100%; border: 1px solid #ddd; "
                        + "image-rendering: pixelated; }\n")
                .append("figcaption { margin-top: 0.5em; color: #444; }\ncode { background: #f4f4f4; }\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        for (String n : notes) {
            h.append("<p>").append(escape(n)).append("</p>\n");
        }
        for (Figure f : figures) {
            h.append("<figure>\n<h2>").append(escape(f.title)).append("</h2>\n<img src=\"").append(escape(f.file))
                    .append("\" alt=\"").append(escape(f.title)).append("\">\n<figcaption>").append(escape(f.caption))
                    .append("</figcaption>\n</figure>\n");
        }
        h.append("</body>\n</html>\n");
        Path file = folder.resolve("index.html");
        Files.writeString(file, h, StandardCharsets.UTF_8);
        return file;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
