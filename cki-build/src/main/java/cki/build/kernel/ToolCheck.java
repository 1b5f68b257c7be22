package cki.build.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools a build needs that this machine lacks, each named with the Debian package that provides
 * it: the compiler (the cross toolchain's package for another architecture), ccache, and the tools
 * the targets list.
 */
final class ToolCheck {
    private ToolCheck() {
    }

    static List<String> missing(BuildPlan plan) {
        Map<String, String> tools = new LinkedHashMap<>();
        for (Target target : plan.targets()) {
            tools.putAll(target.tools());
        }
        String compiler = plan.compiler().split("\\s+")[0];
        String compilerPackage = plan.crossCompile().isEmpty() ? (compiler.contains("clang") ? "clang" : "gcc")
                : plan.crossCompile().equals(plan.arch().crossCompile()) ? plan.arch().crossPackage()
                : "the cross toolchain for " + plan.crossCompile();
        tools.put(compiler, compilerPackage);
        if (!plan.crossCompile().isEmpty() && !plan.makeVars().containsKey("LD")) {
            tools.put(plan.crossCompile() + "ld", compilerPackage.startsWith("gcc-")
                    ? compilerPackage.replaceFirst("^gcc-", "binutils-") : compilerPackage);
        }
        if (plan.ccache()) {
            tools.put("ccache", "ccache");
        }
        List<String> missing = new ArrayList<>();
        tools.forEach((tool, pkg) -> {
            if (Commands.which(tool).isEmpty()) {
                missing.add(tool + " not found (install the Debian package " + pkg + ")");
            }
        });
        return missing;
    }
}
