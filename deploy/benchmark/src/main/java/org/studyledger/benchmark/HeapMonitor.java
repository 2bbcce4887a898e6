package org.studyledger.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.studyledger.benchmark.report.HeapUsage;

/**
 * Measures this JVM's heap between {@link #reset()} and {@link #measure()}: pool peaks (reset by the JVM), a 10 ms
 * sampler of heap in use, the heap left after each collection (from the collectors' notifications), collection counts
 * and times, and process CPU time. Runs inside the hub's JVM; its own cost is one sampling thread.
 */
final class HeapMonitor {
    private static final long SAMPLE_MILLIS = 10;

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-heap-sampler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sampledPeak = new AtomicLong();
    private final AtomicLong afterGcPeak = new AtomicLong();
    private volatile boolean measuring;
    private ScheduledFuture<?> sampling;
    private Map<String, HeapUsage.GcTally> gcBefore;
    private long cpuBefore;
    private long baseline;

    HeapMonitor() {
        for (GarbageCollectorMXBean gc : collectors) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (measuring && GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> heapPoolNames.contains(e.getKey()))
                                .mapToLong(e -> e.getValue().getUsed()).sum();
                        afterGcPeak.accumulateAndGet(after, Math::max);
                    }
                }, null, null);
            }
        }
    }

    /** A full collection, then every peak and counter starts again from here. */
    synchronized void reset() {
        System.gc();
        baseline = heapUsed();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        gcBefore = gcTallies();
        cpuBefore = cpuNanos();
        sampledPeak.set(baseline);
        afterGcPeak.set(baseline);
        measuring = true;
        sampling = sampler.scheduleAtFixedRate(() -> sampledPeak.accumulateAndGet(heapUsed(), Math::max), 0, SAMPLE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    synchronized HeapUsage measure() {
        measuring = false;
        if (sampling != null) {
            sampling.cancel(false);
        }
        Map<String, Long> peaks = new LinkedHashMap<>();
        long oldGen = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            long peak = pool.getPeakUsage().getUsed();
            peaks.put(pool.getName(), peak);
            if (pool.getName().contains("Old") || pool.getName().contains("Tenured")) {
                oldGen = peak;
            }
        }
        Map<String, HeapUsage.GcTally> now = gcTallies();
        Map<String, HeapUsage.GcTally> delta = new LinkedHashMap<>();
        now.forEach((name, tally) -> {
            HeapUsage.GcTally before = gcBefore.getOrDefault(name, new HeapUsage.GcTally(0, 0));
            delta.put(name, new HeapUsage.GcTally(tally.count() - before.count(), tally.millis() - before.millis()));
        });
        return new HeapUsage(maxHeap(), baseline, peaks.values().stream().mapToLong(Long::longValue).sum(),
                sampledPeak.get(), afterGcPeak.get(), oldGen, peaks,
                delta.values().stream().mapToLong(HeapUsage.GcTally::count).sum(),
                delta.values().stream().mapToLong(HeapUsage.GcTally::millis).sum(), delta,
                (cpuNanos() - cpuBefore) / 1_000_000);
    }

    static long maxHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    List<String> collectorNames() {
        return collectors.stream().map(GarbageCollectorMXBean::getName).toList();
    }

    private static long heapUsed() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private Map<String, HeapUsage.GcTally> gcTallies() {
        Map<String, HeapUsage.GcTally> tallies = new LinkedHashMap<>();
        collectors.forEach(gc -> tallies.put(gc.getName(),
                new HeapUsage.GcTally(gc.getCollectionCount(), gc.getCollectionTime())));
        return tallies;
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
