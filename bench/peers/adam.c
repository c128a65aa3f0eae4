// Adam step in C, timed like the JMH benchmarks: ns per element, in cache and out of it.
// torch form (bit-exact with Gradus): d = sqrt(v)/bc2s + eps; p += (-step*m)/d   (2 divisions)
// fast form (the PERF-NOTES C figure): p += (-step*m) / (sqrt(v) + eps*bc2s) with step pre-divided  (1 division)
// GCC fuses a*b + c into one FMA by default (-ffp-contract=fast), which rounds once where torch and
// Gradus round twice and saves two operations per element; the torch form is compiled without that
// (the attribute below) and main() checks its bits against a form held apart by volatile temporaries.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
__attribute__((noinline, optimize("fp-contract=off"))) void torch_form(float *restrict p, const float *restrict g, float *restrict m, float *restrict v, long n,
    float b1, float omb1, float b2, float omb2, float bc2s, float eps, float negStep) {
  for (long i = 0; i < n; i++) {
    float mi = m[i] * b1 + omb1 * g[i];
    float vi = v[i] * b2 + (omb2 * g[i]) * g[i];
    float d = sqrtf(vi) / bc2s + eps;
    p[i] = p[i] + (negStep * mi) / d;
    m[i] = mi; v[i] = vi;
  }
}
__attribute__((noinline)) void fast_form(float *restrict p, const float *restrict g, float *restrict m, float *restrict v, long n,
    float b1, float omb1, float b2, float omb2, float epsScaled, float negStepScaled) {
  for (long i = 0; i < n; i++) {
    float mi = m[i] * b1 + omb1 * g[i];
    float vi = v[i] * b2 + (omb2 * g[i]) * g[i];
    p[i] = p[i] + (negStepScaled * mi) / (sqrtf(vi) + epsScaled);
    m[i] = mi; v[i] = vi;
  }
}
// One element of the torch form, each operation rounded on its own (volatile: no fusing, no reordering).
static void torch_element(float *p, float g, float *m, float *v,
    float b1, float omb1, float b2, float omb2, float bc2s, float eps, float negStep) {
  volatile float a = *m * b1, b = omb1 * g, mi = a + b;
  volatile float c = *v * b2, e = omb2 * g, f = e * g, vi = c + f;
  volatile float r = sqrtf(vi), q = r / bc2s, d = q + eps, n = negStep * mi, u = n / d;
  *p = *p + u; *m = mi; *v = vi;
}
// Exits unless torch_form gives the same bits as torch_element on 1,000 elements over 3 steps.
static void check_torch_form(void) {
  enum { N = 1000 };
  static float p[N], g[N], m[N], v[N], p2[N], m2[N], v2[N];
  srand(7);
  for (int i = 0; i < N; i++) {
    p[i] = p2[i] = (float) rand() / RAND_MAX - 0.5f; g[i] = ((float) rand() / RAND_MAX - 0.5f) * 0.02f;
    m[i] = m2[i] = 0; v[i] = v2[i] = 0;
  }
  for (int step = 0; step < 3; step++) {
    torch_form(p, g, m, v, N, .9f, .1f, .999f, .001f, .3f, 1e-8f, -1e-3f);
    for (int i = 0; i < N; i++) torch_element(&p2[i], g[i], &m2[i], &v2[i], .9f, .1f, .999f, .001f, .3f, 1e-8f, -1e-3f);
  }
  if (memcmp(p, p2, sizeof p) || memcmp(m, m2, sizeof m) || memcmp(v, v2, sizeof v)) {
    fprintf(stderr, "torch_form is not bit-exact (fused multiply-adds?): compile with -ffp-contract=off\n");
    exit(1);
  }
}
int main(int argc, char **argv) {
  check_torch_form();
  long sizes[] = {4096, 65536, 1048576, 16777216, 67108864};
  for (int s = 0; s < 5; s++) {
    long n = sizes[s];
    float *p = aligned_alloc(64, n * 4), *g = aligned_alloc(64, n * 4), *m = aligned_alloc(64, n * 4), *v = aligned_alloc(64, n * 4);
    for (long i = 0; i < n; i++) { p[i] = 0.5f; g[i] = 0.01f * (float)(i % 7); m[i] = 0; v[i] = 0; }
    for (int form = 0; form < 2; form++) {
      double best = 1e30;
      for (int rep = 0; rep < 7; rep++) {
        long calls = 0; double t0 = now(), t;
        do { if (form == 0) torch_form(p, g, m, v, n, .9f, .1f, .999f, .001f, .3f, 1e-8f, -1e-3f);
             else fast_form(p, g, m, v, n, .9f, .1f, .999f, .001f, 3e-9f, -3e-4f); calls++; } while ((t = now()) - t0 < 0.3);
        double ns = (t - t0) / calls / n * 1e9;
        if (ns < best) best = ns;
      }
      printf("%-6s n=%-9ld %.3f ns/element (best of 7 x 0.3 s)\n", form == 0 ? "torch" : "fast", n, best);
    }
    free(p); free(g); free(m); free(v);
  }
  return 0;
}
