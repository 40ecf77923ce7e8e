package dev.pinstripe.app;

public final class Main {
    public static void main(String[] args) {
        System.out.println("java " + Runtime.version());
    }
}
