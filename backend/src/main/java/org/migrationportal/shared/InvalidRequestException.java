package org.migrationportal.shared;

import java.util.List;

/**
 * A request that is well-formed but breaks a rule only the domain can check (an unknown environment
 * named by another, a key already taken by a sibling). Answered as 422 with the field errors.
 */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.size() == 1 ? problems.get(0).message() : problems.size() + " fields are invalid.");
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
