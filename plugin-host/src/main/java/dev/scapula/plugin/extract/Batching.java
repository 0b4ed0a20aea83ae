package dev.scapula.plugin.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How an {@link Extractor} splits one list of field requests into {@code extract_fields} calls.
 * Either way no call holds two requests with the same field id: plugins built with the Go SDK keep
 * one result buffer per field id within a call, so the second request would overwrite the first.
 */
public enum Batching {
    /** One field per call, as libsinsp extracts. */
    ONE_PER_CALL,
    /** As few calls as the most repeated field id needs: call k holds each id's k-th request. */
    DISTINCT_IDS;

    /** The request indexes of each call, in request order within a call. */
    List<int[]> plan(List<FieldRequest> requests) {
        int n = requests.size();
        if (this == ONE_PER_CALL && n > 1) {
            List<int[]> calls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                calls.add(new int[] {i});
            }
            return calls;
        }
        Map<Integer, Integer> seen = new HashMap<>();
        List<List<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = seen.merge(requests.get(i).fieldId(), 1, Integer::sum) - 1;
            if (k == calls.size()) {
                calls.add(new ArrayList<>());
            }
            calls.get(k).add(i);
        }
        if (calls.isEmpty()) {
            // An empty request list still makes one (empty) call, as before.
            return List.of(new int[0]);
        }
        List<int[]> out = new ArrayList<>(calls.size());
        for (List<Integer> c : calls) {
            out.add(c.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}
