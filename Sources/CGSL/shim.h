#ifndef CALLCAP_CGSL_SHIM_H
#define CALLCAP_CGSL_SHIM_H

#include <stdint.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_version.h>

/* Swift 6 rejects GSL's mutable generator-type globals as unsafe, so they are
   reached through these accessors. */
static inline const gsl_rng_type *callcap_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *callcap_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_root_fsolver_type *callcap_root_brent(void) { return gsl_root_fsolver_brent; }

/* GSL's default error handler aborts the process; callcap checks results itself. */
static inline void callcap_gsl_disable_abort(void) { gsl_set_error_handler_off(); }

static inline const char *callcap_gsl_version(void) { return gsl_version; }

/* ---- xoshiro256** as a GSL generator type ----------------------------------

   MT19937 takes a 32-bit seed, so streams seeded from (seed, replication,
   name) collide long before a million replications. xoshiro256** (Blackman
   and Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS
   2021) has 256 bits of state, period 2^256 - 1, passes BigCrush, and is
   faster than MT19937. Written here from the paper's description:

     output = rotl(s1 x 5, 7) x 9
     t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)

   GSL draws every variate through the type's `get` (32 bits: the high half
   of a 64-bit output, the better bits; range [0, 0xFFFFFFFF], which GSL's
   ziggurat and integer draws expect) and `get_double` (53 bits, in [0, 1)).
   callcap sets the whole state with callcap_rng_set_state (see StreamSeed);
   `set` (used by gsl_rng_alloc and gsl_rng_set) expands a 64-bit seed with
   SplitMix64, as the authors recommend. */

typedef struct {
  uint64_t word[4];
} callcap_xoshiro_state;

static inline uint64_t callcap_rotate_left(uint64_t value, int bits) {
  return (value << bits) | (value >> (64 - bits));
}

static inline uint64_t callcap_xoshiro_next(callcap_xoshiro_state *state) {
  uint64_t *s = state->word;
  const uint64_t output = callcap_rotate_left(s[1] * 5, 7) * 9;
  const uint64_t shifted = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= shifted;
  s[3] = callcap_rotate_left(s[3], 45);
  return output;
}

static unsigned long int callcap_xoshiro_get(void *state) {
  return (unsigned long int)(callcap_xoshiro_next((callcap_xoshiro_state *)state) >> 32);
}

static double callcap_xoshiro_get_double(void *state) {
  /* The top 53 bits, scaled by 2^-53: every double in [0, 1) on that grid. */
  return (double)(callcap_xoshiro_next((callcap_xoshiro_state *)state) >> 11) * 0x1.0p-53;
}

/* The all-zero state is the one state xoshiro never leaves; it is replaced. */
static inline void callcap_xoshiro_store(callcap_xoshiro_state *state, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  if ((a | b | c | d) == 0) a = UINT64_C(0x9E3779B97F4A7C15);
  state->word[0] = a;
  state->word[1] = b;
  state->word[2] = c;
  state->word[3] = d;
}

static void callcap_xoshiro_set(void *state, unsigned long int seed) {
  /* SplitMix64 (Steele, Lea and Flood 2014): a Weyl sequence, finalised. */
  uint64_t x = (uint64_t)seed;
  uint64_t words[4];
  for (int i = 0; i < 4; i++) {
    x += UINT64_C(0x9E3779B97F4A7C15);
    uint64_t z = x;
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    words[i] = z ^ (z >> 31);
  }
  callcap_xoshiro_store((callcap_xoshiro_state *)state, words[0], words[1], words[2], words[3]);
}

static const gsl_rng_type callcap_xoshiro_type = {
  "xoshiro256**", 0xFFFFFFFFUL, 0, sizeof(callcap_xoshiro_state),
  &callcap_xoshiro_set, &callcap_xoshiro_get, &callcap_xoshiro_get_double,
};

static inline const gsl_rng_type *callcap_rng_xoshiro256starstar(void) { return &callcap_xoshiro_type; }

/* Sets the whole 256-bit state of a generator of type callcap_rng_xoshiro256starstar(). */
static inline void callcap_rng_set_state(gsl_rng *generator, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  callcap_xoshiro_store((callcap_xoshiro_state *)generator->state, a, b, c, d);
}

/* Word `index` (0-3) of such a generator's state, for tests. */
static inline uint64_t callcap_rng_state_word(const gsl_rng *generator, int index) {
  return ((const callcap_xoshiro_state *)generator->state)->word[index & 3];
}

#endif
