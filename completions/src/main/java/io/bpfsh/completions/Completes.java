package io.bpfsh.completions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The completion kind of a picocli {@code @Parameters} or {@code @Option} field, written next to the
 * annotation that declares the argument, so that the command table exists once: in the picocli
 * model, which {@link CommandTable} reads (picocli hands back the annotated field as the argument's
 * user object). Every argument of every command carries one; a shell test checks it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Completes {
    ArgKind value();

    /**
     * A flag that completion offers by name once every positional is given (update's --noexist and
     * --exist), because it chooses how the command behaves and is easy to forget.
     */
    boolean offered() default false;
}
