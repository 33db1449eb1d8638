package dev.bosun.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A POST's body must be one JSON object of at most {@code maxBytes}: anything else gets a JSON-RPC error object
 * (-32700 parse error, -32600 invalid request) that says what was wrong, never a Java exception, and is logged at
 * debug only (a caller that sends garbage must not fill the log).
 */
final class JsonRpcBodyFilter extends HttpFilter {
    private static final Logger log = LoggerFactory.getLogger(JsonRpcBodyFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int maxBytes;

    JsonRpcBodyFilter(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(req.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        // a declared length says it at once; a chunked body is read up to one byte past the limit
        byte[] body = req.getContentLengthLong() > maxBytes ? null : req.getInputStream().readNBytes(maxBytes + 1);
        if (body == null || body.length > maxBytes) {
            // read what it still sends (up to a bound), so the caller gets this answer rather than a broken pipe
            byte[] skip = new byte[64 * 1024];
            java.io.InputStream in = req.getInputStream();
            for (long left = 64L * maxBytes; left > 0; ) {
                int n = in.read(skip, 0, (int) Math.min(skip.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
            refuse(res, 413, -32600, "Invalid request: the body is over " + maxBytes + " bytes.");
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            refuse(res, 400, -32700, "Parse error: the body is not JSON (" + e.getOriginalMessage() + ").");
            return;
        }
        if (json == null || !json.isObject()) {
            refuse(res, 400, -32600, "Invalid request: send one JSON-RPC object, not "
                    + (json == null ? "nothing" : json.getNodeType().name().toLowerCase()) + ".");
            return;
        }
        chain.doFilter(new Buffered(req, body), res);
    }

    /** Answers with a JSON-RPC error object (no request id: the request was not read as one). */
    static void refuse(HttpServletResponse res, int status, int code, String message) throws IOException {
        log.debug("MCP request refused ({}): {}", status, message);
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0").putNull("id");
        reply.putObject("error").put("code", code).put("message", message);
        res.setStatus(status);
        res.setContentType("application/json");
        res.getWriter().write(JSON.writeValueAsString(reply));
    }

    /** The request with its body read already, to be read again downstream. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
