// Adam step in C, timed like the JMH benchmarks: ns per element, in cache and out of it.
// torch form (bit-exact with Gradus): d = sqrt(v)/bc2s + eps; p += (-step*m)/d   (2 divisions)
// fast form (the PERF-NOTES C figure): p += (-step*m) / (sqrt(v) + eps*bc2s) with step pre-divided  (1 division)
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
__attribute__((noinline)) void torch_form(float *restrict p, const float *restrict g, float *restrict m, float *restrict v, long n,
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
int main(int argc, char **argv) {
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
