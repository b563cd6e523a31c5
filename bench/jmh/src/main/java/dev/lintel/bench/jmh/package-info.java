/**
 * JMH microbenchmarks of the data plane's config path: how long a request's route lookup takes on a
 * compiled table of 10 and 10,000 host+path routes, with and without method, header and
 * regular-expression conditions (it must not grow with the number of routes), and how long parsing
 * and compiling a 10,000-route config takes, as JSON and as YAML (the floor of a reload).
 */
package dev.lintel.bench.jmh;
