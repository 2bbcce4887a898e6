package org.studyledger.cohort.load;

/**
 * Told after every answered request. Centers load in parallel, so it is called from several threads (never
 * concurrently for the same center).
 */
@FunctionalInterface
public interface LoadListener {
    LoadListener NONE = progress -> { };

    void onProgress(LoadProgress progress);
}
