/* Baseline for `seer-worker bench`, measured exactly as the worker measures it (two warm-up calls, then N timed calls
   each after MPI_Barrier, rank 0's median time, bandwidth = bytes / time), float32 sum in place:
     c-mpi      one MPI_Allreduce of SIZE MiB (the worker's "allreduce" rows);
     c-chunked  64 MiB reduced as consecutive MPI_Allreduce calls of SIZE MiB (the worker's "bucketed" rows, minus the
                copies into and out of the bucket).
   Usage: mpirun -np R allreduce_bench [--iterations N] [SIZE_MIB ...]   (default sizes 1 4 16 64, 20 iterations) */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median ms of `iterations` timed rounds; each round reduces `total` floats in calls of `chunk` floats. */
static double median_ms(float *buffer, size_t total, size_t chunk, int iterations, double *times) {
    for (int i = -2; i < iterations; i++) {
        MPI_Barrier(MPI_COMM_WORLD);
        double start = MPI_Wtime();
        for (size_t offset = 0; offset < total; offset += chunk) {
            size_t n = total - offset < chunk ? total - offset : chunk;
            MPI_Allreduce(MPI_IN_PLACE, buffer + offset, (int)n, MPI_FLOAT, MPI_SUM, MPI_COMM_WORLD);
        }
        if (i >= 0) times[i] = (MPI_Wtime() - start) * 1e3;
    }
    qsort(times, iterations, sizeof(double), compare);
    return times[iterations / 2];
}

int main(int argc, char **argv) {
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int iterations = 20, sizes[64], count = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) iterations = atoi(argv[++i]);
        else if (count < 64) sizes[count++] = atoi(argv[i]);
    }
    if (count == 0) { sizes[0] = 1; sizes[1] = 4; sizes[2] = 16; sizes[3] = 64; count = 4; }
    if (iterations < 1) iterations = 1;
    double *times = malloc(sizeof(double) * iterations);
    if (rank == 0) printf("%-10s %9s %6s %10s %8s\n", "variant", "size MiB", "ranks", "median ms", "GB/s");
    size_t set = (size_t)64 << 20, largest = set;
    for (int s = 0; s < count; s++) if (((size_t)sizes[s] << 20) > largest) largest = (size_t)sizes[s] << 20;
    float *buffer = malloc(largest);
    for (size_t i = 0; i < largest / sizeof(float); i++) buffer[i] = (float)(rank + 1);
    for (int s = 0; s < count; s++) {
        size_t bytes = (size_t)sizes[s] << 20;
        double ms = median_ms(buffer, bytes / sizeof(float), bytes / sizeof(float), iterations, times);
        if (rank == 0) printf("%-10s %9d %6d %10.3f %8.3f\n", "c-mpi", sizes[s], size, ms, bytes / (ms * 1e6));
    }
    for (int s = 0; s < count; s++) {
        size_t bytes = (size_t)sizes[s] << 20;
        double ms = median_ms(buffer, set / sizeof(float), bytes / sizeof(float), iterations, times);
        if (rank == 0) printf("%-10s %9d %6d %10.3f %8.3f\n", "c-chunked", sizes[s], size, ms, set / (ms * 1e6));
    }
    free(buffer);
    free(times);
    MPI_Finalize();
    return 0;
}
