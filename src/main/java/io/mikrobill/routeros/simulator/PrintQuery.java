package io.mikrobill.routeros.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query words of a {@code print}, evaluated per item as RouterOS does: each word pushes a
 * boolean on a stack, {@code ?#} words operate on the stack, and at the end every value left is
 * combined with AND (an empty query matches everything).
 *
 * <pre>
 *   ?name=x  ?=name=x   push: property equals x
 *   ?name               push: item has the property
 *   ?-name              push: item lacks the property
 *   ?&lt;name=x  ?&gt;name=x   push: less / greater than x (numbers as numbers, else text)
 *   ?#ops               for each character: ! negates the top, &amp; and | combine the top two,
 *                       . pushes a copy of the top, a digit N pushes a copy of the N-th value
 *                       counted from the bottom of the stack (0 is the first pushed)
 * </pre>
 *
 * A malformed query is refused when the print starts, not per item.
 */
final class PrintQuery {

  private sealed interface Step permits Test, Ops {}

  private record Test(char op, String name, String value) implements Step {}

  private record Ops(String ops) implements Step {}

  private final List<Step> steps;

  private PrintQuery(List<Step> steps) {
    this.steps = steps;
  }

  static PrintQuery parse(List<String> words) {
    List<Step> steps = new ArrayList<>(words.size());
    for (String w : words) {
      String q = w.substring(1);
      if (q.startsWith("#")) {
        String ops = q.substring(1);
        for (char c : ops.toCharArray()) {
          if ("!&|.".indexOf(c) < 0 && !Character.isDigit(c)) {
            throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "invalid query operation '" + c + "' in " + w);
          }
        }
        steps.add(new Ops(ops));
        continue;
      }
      char op = '=';
      if (q.startsWith("-") || q.startsWith("<") || q.startsWith(">") || q.startsWith("=")) {
        op = q.charAt(0);
        q = q.substring(1);
      }
      int eq = q.indexOf('=');
      if (op == '-') {
        steps.add(new Test('-', q, null));
      } else if (eq < 0) {
        if (op != '=') {
          throw new SimulatorTrap(SimulatorTrap.ARGUMENT, "invalid query " + w);
        }
        steps.add(new Test('?', q, null));
      } else {
        steps.add(new Test(op, q.substring(0, eq), q.substring(eq + 1)));
      }
    }
    return new PrintQuery(steps);
  }

  boolean isEmpty() {
    return steps.isEmpty();
  }

  boolean matches(Map<String, String> item) {
    if (steps.isEmpty()) {
      return true;
    }
    boolean[] stack = new boolean[steps.size() * 4 + 8];
    int top = 0;
    for (Step s : steps) {
      if (s instanceof Test t) {
        stack = ensure(stack, top);
        stack[top++] = test(t, item);
      } else {
        String ops = ((Ops) s).ops();
        for (int i = 0; i < ops.length(); i++) {
          char c = ops.charAt(i);
          stack = ensure(stack, top);
          switch (c) {
            case '!' -> { if (top > 0) stack[top - 1] = !stack[top - 1]; }
            case '&' -> { if (top > 1) { stack[top - 2] = stack[top - 2] && stack[top - 1]; top--; } }
            case '|' -> { if (top > 1) { stack[top - 2] = stack[top - 2] || stack[top - 1]; top--; } }
            case '.' -> { if (top > 0) { stack[top] = stack[top - 1]; top++; } }
            default -> {
              int j = i;
              while (j + 1 < ops.length() && Character.isDigit(ops.charAt(j + 1))) {
                j++;
              }
              int index = Integer.parseInt(ops.substring(i, j + 1));
              i = j;
              stack[top] = index < top && stack[index];
              top++;
            }
          }
        }
      }
    }
    for (int i = 0; i < top; i++) {
      if (!stack[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean[] ensure(boolean[] stack, int top) {
    return top + 1 < stack.length ? stack : java.util.Arrays.copyOf(stack, stack.length * 2);
  }

  private static boolean test(Test t, Map<String, String> item) {
    String v = item.get(t.name());
    return switch (t.op()) {
      case '?' -> v != null;
      case '-' -> v == null;
      case '=' -> t.value().equals(v);
      case '<' -> v != null && compare(v, t.value()) < 0;
      case '>' -> v != null && compare(v, t.value()) > 0;
      default -> false;
    };
  }

  private static int compare(String a, String b) {
    try {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    } catch (NumberFormatException notNumbers) {
      return a.compareTo(b);
    }
  }
}
