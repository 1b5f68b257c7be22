package cki.lib.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the environment variable an option defaults from when it is not the derived
 * {@code CKI_<LONGEST_OPTION_NAME>} (e.g. {@code --store} of git-cache reads {@code CKI_GIT_CACHE_STORE}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface EnvVar {
    String value();
}
