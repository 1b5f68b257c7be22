package cki.test.plan;

import java.util.List;

/** Machines of one kind; every host group becomes one Beaker recipe set. */
public record HostGroup(String description, List<HostRequirement> hostRequires) {
    public HostGroup {
        hostRequires = hostRequires == null ? List.of() : List.copyOf(hostRequires);
    }
}
