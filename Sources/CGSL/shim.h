#ifndef CALLCAP_CGSL_SHIM_H
#define CALLCAP_CGSL_SHIM_H

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_version.h>

/* Swift 6 rejects GSL's mutable generator-type globals as unsafe, so they are
   reached through these accessors. */
static inline const gsl_rng_type *callcap_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *callcap_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_root_fsolver_type *callcap_root_brent(void) { return gsl_root_fsolver_brent; }

/* GSL's default error handler aborts the process; callcap checks results itself. */
static inline void callcap_gsl_disable_abort(void) { gsl_set_error_handler_off(); }

static inline const char *callcap_gsl_version(void) { return gsl_version; }

#endif
