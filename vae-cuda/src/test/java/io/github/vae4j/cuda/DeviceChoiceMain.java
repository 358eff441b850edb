package io.github.vae4j.cuda;

import io.github.vae4j.Vae;

/** A host in a fresh JVM: builds a model with the device its environment asks for and prints what computes. */
public final class DeviceChoiceMain {

    private DeviceChoiceMain() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        try (Vae vae = Vae.builder().inputSize(4).latent(2).hidden(3).build()) {
            vae.fit(new float[][] {{0, 1, 0, 1}, {1, 0, 1, 0}});
            System.out.println("DEVICE " + vae.device() + " | " + vae.backendDescription());
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
