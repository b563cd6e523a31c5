/**
 * The cluster shell (JOSDK): reconcilers gather a {@link dev.lintel.operator.translate.Snapshot}
 * from informer caches, call the pure translator, renderer and provisioner, write the desired
 * objects (plain create/update, no server-side apply) and then the statuses, only when they
 * changed. Entry point: {@link dev.lintel.operator.reconcile.LintelOperator}.
 */
package dev.lintel.operator.reconcile;
