package io.mikrobill;

/** Placeholder until the command dispatcher lands. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("mikrobill");
  }
}
