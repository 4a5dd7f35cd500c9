package extract

import "testing"

func TestLanguageFastPath(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"english", "The council said on Monday that the budget for the new harbour would be approved by the end of the year, and the mayor was not available for comment.", "en"},
		{"french", "Le conseil municipal a annoncé lundi que le budget du nouveau port serait approuvé avant la fin de l'année, et le maire n'a pas souhaité commenter.", "fr"},
		{"german", "Der Stadtrat hat am Montag mitgeteilt, dass der Haushalt für den neuen Hafen bis zum Ende des Jahres genehmigt werden soll, der Bürgermeister war nicht erreichbar.", "de"},
		{"spanish", "El ayuntamiento anunció el lunes que el presupuesto del nuevo puerto sería aprobado antes de que termine el año, y el alcalde no quiso hacer comentarios.", "es"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := languageOf(tt.text); got != tt.want {
				t.Errorf("languageOf = %q, want %q (English share %.2f)", got, tt.want, englishShare(tt.text))
			}
		})
	}
}
