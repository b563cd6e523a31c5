/**
 * Routing tables compiled once per config: per listener a hostname map, per virtual host a path
 * index, per route a weighted backend picker (and a CORS policy when it has one). Lookups cost the
 * same whatever the number of routes, take no locks and allocate little, because they run on the
 * event loop for every request.
 */
package dev.lintel.proxy.routing;
