// Clicking the picture sets the focal point fields; typing in them still works without this script.
(function () {
    var picker = document.querySelector('.focal-picker');
    if (!picker) { return; }
    var image = picker.querySelector('img');
    var marker = picker.querySelector('.focal-marker');
    var x = document.getElementById(picker.getAttribute('data-focal-x'));
    var y = document.getElementById(picker.getAttribute('data-focal-y'));
    image.addEventListener('click', function (event) {
        var box = image.getBoundingClientRect();
        var left = Math.round(((event.clientX - box.left) / box.width) * 1000) / 10;
        var top = Math.round(((event.clientY - box.top) / box.height) * 1000) / 10;
        x.value = String(Math.min(100, Math.max(0, left)));
        y.value = String(Math.min(100, Math.max(0, top)));
        marker.style.left = x.value + '%';
        marker.style.top = y.value + '%';
    });
}());
