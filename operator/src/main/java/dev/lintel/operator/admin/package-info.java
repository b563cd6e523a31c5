/**
 * The admin HTTP server of every Lintel process (health, readiness, metrics, and in standalone mode
 * status and rendered configs). It binds loopback only by default: it shows configs and must not be
 * reachable from outside the pod unless asked for.
 */
package dev.lintel.operator.admin;
