package dev.bosun.ui;

import javafx.scene.control.ButtonBase;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Feather icons (Ikonli) on the console's actions: one look, coloured by the theme through bosun.css. */
public final class Icons {
    private Icons() {}

    public static <B extends ButtonBase> B on(B button, Feather icon) {
        FontIcon graphic = new FontIcon(icon);
        graphic.getStyleClass().add("action-icon");
        button.setGraphic(graphic);
        return button;
    }
}
