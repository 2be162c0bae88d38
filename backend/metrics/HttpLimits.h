#pragma once
// What one scrape may cost the recorder: a client that sends too much, too
// slowly, or opens too many connections is cut off rather than served.
namespace e2i {

struct HttpLimits {
    int maxRequestBytes = 8 * 1024; // request line and headers; a scrape sends a few hundred bytes
    int timeoutMs = 5'000;          // to send the request, and again to take the response
    int maxConnections = 16;        // at once; Prometheus uses one per target
};

} // namespace e2i
