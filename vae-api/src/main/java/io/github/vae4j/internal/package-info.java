/**
 * Pieces shared by the API's packages that are not part of the API: the module does not export this package, and
 * its classes may change in any release.
 */
package io.github.vae4j.internal;
